/**
 * Popup → content script: "how many findings in the focused reply?"
 *
 *   const r = await browser.tabs.sendMessage(tabId, { type: 'rc:count' }, { frameId: 0 });
 *
 * The content script (issue 3) answers synchronously with sendResponse (or returns the object):
 *   { count: number, focused: boolean }
 * `focused`: a reply box on this page is focused (or was the last one edited); `count`: the findings
 * currently shown for it (0 when none). A tab without our content script rejects: the popup shows
 * "no reply box".
 */
export const COUNT_MSG = 'rc:count';

export interface CountRequest {
  type: typeof COUNT_MSG;
}

export interface CountResponse {
  count: number;
  focused: boolean;
}

export function isCountResponse(v: unknown): v is CountResponse {
  const r = v as Partial<CountResponse> | null;
  return !!r && typeof r === 'object' && Number.isInteger(r.count) && r.count! >= 0 && typeof r.focused === 'boolean';
}
