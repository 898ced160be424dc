/** Permission parity for institute organizations: every role of every module they get (see tests/support/permission-parity-suite.ts). */
import { describePermissionParity } from './support/permission-parity-suite.js';

describePermissionParity('institute');
