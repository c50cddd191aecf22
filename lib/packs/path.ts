/** Problem paths in the style authors read: rules[3].pattern */
export type PathKey = string | number | symbol;

export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out ? `.${String(k)}` : String(k);
  }
  return out || '(root)';
}

export interface Problem {
  /** e.g. "rules[3].pattern" */
  path: string;
  message: string;
  /** 1-based line in the source file, where known. */
  line?: number;
  column?: number;
}

export function formatProblem(p: Problem, file?: string): string {
  const where = [file, p.line !== undefined ? `${p.line}:${p.column ?? 1}` : undefined].filter(Boolean).join(':');
  return `${where ? where + ': ' : ''}${p.path}: ${p.message}`;
}
