/** The promised learning of ps28's defaults: about a minute on wasm, so it runs beside the rest. */
import { describeTaskDefaults } from './taskDefaultCases';

describeTaskDefaults(['ps28']);
