/** The signing recipe in docs/policy.md (openssl) produces what lib/sync/verify.ts accepts. */
import { execFileSync, execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkEd25519 } from '@/lib/sync/verify';

let hasOpenssl = true;
try {
  execFileSync('openssl', ['version']);
} catch {
  hasOpenssl = false;
}

it.skipIf(!hasOpenssl)('openssl Ed25519 key, public key and detached signature as documented verify; a changed byte does not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rc-sig-'));
  try {
    writeFileSync(join(dir, 'team.yaml'), 'id: team.x\nname: X\nversion: "1.0.0"\nlocale: zh-CN\n');
    const sh = (cmd: string) => execSync(cmd, { cwd: dir, shell: '/bin/sh' }).toString();
    sh('openssl genpkey -algorithm ed25519 -out team-pack.key');
    const pub = sh('openssl pkey -in team-pack.key -pubout -outform DER | tail -c 32 | base64');
    sh('openssl pkeyutl -sign -inkey team-pack.key -rawin -in team.yaml | base64 -w0 > team.yaml.sig');
    const sig = readFileSync(join(dir, 'team.yaml.sig'), 'utf8');
    const bytes = new Uint8Array(readFileSync(join(dir, 'team.yaml')));
    expect(await checkEd25519(pub, sig, bytes)).toBeUndefined();
    bytes[bytes.length - 1] = 0x20;
    expect(await checkEd25519(pub, sig, bytes)).toMatch(/does not match/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
