/**
 * Synchronous request/response with the main-world script (entrypoints/main-world.content.ts),
 * which can reach editors' own APIs (CKEditor 5 `ckeditorInstance`, Lexical `__lexicalEditor`,
 * Quill). Events carry JSON strings only (objects do not cross JavaScript worlds).
 */
export const BRIDGE_REQUEST = 'rc-bridge-request';
export const BRIDGE_RESPONSE = 'rc-bridge-response';

export interface BridgeRequest {
  op: 'replace' | 'probe' | 'undo';
  start?: number;
  end?: number;
  text?: string;
}
export interface BridgeResponse {
  ok: boolean;
  api?: string;
  error?: string;
}

/** Ask the main world to act on `el`; undefined when no main-world script answered. */
export function callMainWorld(el: HTMLElement, req: BridgeRequest): BridgeResponse | undefined {
  let res: BridgeResponse | undefined;
  const onRes = (e: Event) => {
    try {
      res = JSON.parse(String((e as CustomEvent).detail));
    } catch {
      res = { ok: false, error: 'bad response' };
    }
  };
  el.addEventListener(BRIDGE_RESPONSE, onRes);
  try {
    el.dispatchEvent(new CustomEvent(BRIDGE_REQUEST, { detail: JSON.stringify(req), bubbles: true, composed: true }));
  } finally {
    el.removeEventListener(BRIDGE_RESPONSE, onRes);
  }
  return res;
}
