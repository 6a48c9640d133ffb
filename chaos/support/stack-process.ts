import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const freePort = () => new Promise<number>((resolve, reject) => {
  const server = createServer();
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => { const { port } = server.address() as { port: number }; server.close(() => resolve(port)); });
});

/** The stack as a child process group: started, killed with SIGKILL, started again on the same data directory. */
export class StackProcess {
  private child?: ChildProcess;
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], { cwd: ROOT, env: this.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stack did not start: ${output.slice(-2000)}`)), 90_000);
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes('ready:')) { clearTimeout(timer); resolve(); }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`stack exited (${code}): ${output.slice(-2000)}`)); });
    });
  }

  /** SIGKILL to the whole group: no shutdown code runs, as in a power cut. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    child.removeAllListeners('exit');
    const exited = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    await exited;
    await new Promise((r) => setTimeout(r, 500));
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    child.removeAllListeners('exit');
    const exited = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* done */ }
  }
}
