/**
 * The backup's own process. Copying a year's database and checking the copy whole takes the
 * better part of a second of CPU (integrity_check of a 75 MB file: 0.6 s), which in the queue
 * server would hold every kiosk's answer that long.
 */
import { serveRequests } from '../workers/child-worker.js';
import { backupFile } from './backup.js';

serveRequests(backupFile);
