/** Tells the reader what was wrong in the URL they opened and what was used instead; dismissible. */
import { appStore } from '../state/store';
import { useUrlNotes } from './useAppState';
import styles from './notesBar.module.css';

export function NotesBar() {
  const notes = useUrlNotes();
  if (notes.length === 0) return null;
  return (
    <div className={styles.notes} role="status" data-testid="url-notes">
      <div>
        <strong>Some settings in the link could not be used as given:</strong>
        <ul>
          {notes.map((note, i) => (
            <li key={i}>{note}</li>
          ))}
        </ul>
      </div>
      <button type="button" className={styles.dismiss} aria-label="Dismiss these notes" onClick={() => appStore().dismissNotes()} data-testid="url-notes-dismiss">
        ×
      </button>
    </div>
  );
}
