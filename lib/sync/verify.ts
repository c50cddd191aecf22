/**
 * Integrity checks for fetched packs, with WebCrypto only (works in the service worker, in
 * Firefox and in Node ≥ 20):
 * - sha256 pin: lowercase hex SHA-256 of the exact bytes served.
 * - Ed25519: a detached signature over the exact bytes served, base64, published next to the
 *   pack at `<pack URL>.sig` (or the policy's signatureUrl); the public key is the raw 32-byte
 *   key, base64 (what `openssl pkey -pubout -outform DER | tail -c 32 | base64` prints).
 */
export function toHex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new Error('not base64');
  const bin = atob(clean);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Returns an error message, or undefined when the signature is valid. */
export async function checkEd25519(publicKeyB64: string, signatureB64: string, bytes: Uint8Array): Promise<string | undefined> {
  let key: CryptoKey;
  try {
    const raw = fromBase64(publicKeyB64);
    if (raw.length !== 32) return `public key must be 32 bytes (raw Ed25519), got ${raw.length}`;
    key = await crypto.subtle.importKey('raw', raw as BufferSource, { name: 'Ed25519' }, false, ['verify']);
  } catch (e) {
    return `cannot use the public key: ${(e as Error).message}`;
  }
  let sig: Uint8Array;
  try {
    sig = fromBase64(signatureB64);
  } catch {
    return 'signature is not base64';
  }
  if (sig.length !== 64) return `signature must be 64 bytes, got ${sig.length}`;
  try {
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, sig as BufferSource, bytes as BufferSource);
    return ok ? undefined : 'Ed25519 signature does not match the pack';
  } catch (e) {
    return `signature check failed: ${(e as Error).message}`;
  }
}
