import '../shared/zod-locale.ts';
import { runCli } from './run.ts';

// A failure exits at once (a PDF converter or a pool may still hold the event loop); success
// leaves the process to end by itself, or to serve.
const status = await runCli(process.argv.slice(2));
if (status !== 0) process.exit(status);
