/** Child-process helper for lock tests: takes the read-model lock on argv[2], says so, and holds it until killed. */
import { acquireLock } from '@concordat/read-models';

const release = acquireLock(process.argv[2]);
console.log('locked');
// Referenced, so that the connection holding the lock is never garbage-collected (and closed).
setInterval(() => release, 60_000);
