/**
 * Runs compared side by side advance together: within a group no running member gets more than
 * LOCKSTEP_LEAD steps ahead of the slowest running one, so they share the worker fairly in steps
 * (not in time) and reach any step at nearly the same moment. The slowest member is never held
 * back, so the group cannot deadlock.
 */
export const LOCKSTEP_LEAD = 32;

export interface LockstepMember {
  step(): number;
  /** Running (or stepping) and not yet at its last step. */
  active(): boolean;
}

export interface LockstepHandle {
  /** Steps this member may take before it must wait for the others (Infinity: no limit). */
  allowance(): number;
  /** Resolves when another member has moved on (or a moment has passed). */
  wait(): Promise<void>;
  /** This member moved on or changed state: waiting members re-check. */
  moved(): void;
  leave(): void;
}

/** Longest a member waits before re-checking on its own. */
const RECHECK_MS = 250;

export class Lockstep {
  private readonly groups = new Map<string, Set<LockstepMember>>();
  private waiters: (() => void)[] = [];

  join(group: string, member: LockstepMember): LockstepHandle {
    let set = this.groups.get(group);
    if (!set) this.groups.set(group, (set = new Set()));
    set.add(member);
    const members = set;
    return {
      allowance: () => {
        let slowest = Infinity;
        for (const m of members) if (m !== member && m.active()) slowest = Math.min(slowest, m.step());
        return slowest === Infinity ? Infinity : slowest + LOCKSTEP_LEAD - member.step();
      },
      wait: () =>
        new Promise<void>((ok) => {
          this.waiters.push(ok);
          setTimeout(ok, RECHECK_MS);
        }),
      moved: () => this.wake(),
      leave: () => {
        members.delete(member);
        if (members.size === 0) this.groups.delete(group);
        this.wake();
      },
    };
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const ok of w) ok();
  }
}
