/**
 * Builds the editor fixture pages (real editors from npm, bundled with esbuild) into a temp
 * folder and returns it; serve it with startFixtureServer(dir).
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function page(title: string, body: string, opts: { script?: string; css?: boolean } = {}): string {
  return readFileSync(join(HERE, 'page.html'), 'utf8')
    .replaceAll('%TITLE%', title)
    .replace('%CSS%', opts.css ? `<link rel="stylesheet" href="${opts.script}.css">` : '')
    .replace('%BODY%', body)
    .replace('%SCRIPT%', opts.script ? `<script src="${opts.script}.js"></script>` : '<script>window.fixture={getText:()=>window.__getText()}</script>');
}

const STATIC: Record<string, string> = {
  'textarea.html': page('Textarea', '<textarea id="editor" class="box" rows="6" placeholder="回复…"></textarea>').replace(
    '</body>',
    '<script>window.fixture={getText:()=>document.querySelector("#editor").value}</script></body>',
  ),
  'contenteditable.html': page('Contenteditable', '<div id="editor" class="box" contenteditable="true"></div>').replace(
    '</body>',
    '<script>window.fixture={getText:()=>document.querySelector("#editor").innerText.replace(/\\n$/,"")}</script></body>',
  ),
  'iframe.html': page(
    'Iframe editor',
    `<iframe id="frame" style="width:100%;height:220px;border:1px solid #d0d7de;border-radius:6px;background:#fff"
      srcdoc="&lt;!doctype html&gt;&lt;html&gt;&lt;head&gt;&lt;meta charset=utf-8&gt;&lt;style&gt;body{font:15px/1.6 'Noto Sans CJK SC',sans-serif;margin:8px}&lt;/style&gt;&lt;/head&gt;&lt;body contenteditable=true&gt;&lt;/body&gt;&lt;/html&gt;"></iframe>`,
  ).replace(
    '</body>',
    '<script>window.fixture={getText:()=>document.querySelector("#frame").contentDocument.body.innerText.replace(/\\n$/,"")}</script></body>',
  ),
  'shadow.html': page('Shadow root editor', '<reply-box id="host"></reply-box>').replace(
    '</body>',
    `<script>
      customElements.define('reply-box', class extends HTMLElement {
        constructor() { super(); const r = this.attachShadow({ mode: 'open' });
          r.innerHTML = '<style>.box{border:1px solid #d0d7de;border-radius:6px;min-height:120px;padding:8px;background:#fff}</style><div id="editor" class="box" contenteditable="true"></div>'; }
      });
      window.fixture={getText:()=>document.querySelector('#host').shadowRoot.querySelector('#editor').innerText.replace(/\\n$/,'')};
    </script></body>`,
  ),
  'spa.html': page('SPA', '<nav><button id="swap" type="button">下一张工单</button></nav><main id="app"><textarea id="editor" class="box" rows="5"></textarea></main>').replace(
    '</body>',
    `<script>
      let n = 0;
      document.querySelector('#swap').addEventListener('click', () => {
        n++;
        const app = document.querySelector('#app');
        app.replaceChildren();
        setTimeout(() => {
          const d = document.createElement('div');
          d.id = 'editor'; d.className = 'box'; d.contentEditable = 'true'; d.dataset.ticket = String(n);
          app.appendChild(d);
        }, 50);
      });
      window.fixture={getText:()=>{const e=document.querySelector('#editor');return e.value!==undefined?e.value:e.innerText.replace(/\\n$/,'')}};
    </script></body>`,
  ),
};

const BUNDLED: { name: string; title: string; css: boolean; body: string }[] = [
  { name: 'ckeditor', title: 'CKEditor 5', css: true, body: '<div id="editor"></div>' },
  { name: 'prosemirror', title: 'ProseMirror', css: false, body: '<div id="editor" class="box"></div>' },
  { name: 'tiptap', title: 'TipTap', css: false, body: '<div id="editor" class="box"></div>' },
  { name: 'lexical', title: 'Lexical', css: false, body: '<div id="editor" class="box" contenteditable="true"></div>' },
  { name: 'quill', title: 'Quill', css: true, body: '<div id="editor" style="min-height:120px;background:#fff"></div>' },
  { name: 'draft', title: 'Draft.js', css: true, body: '<div id="editor" class="box"></div>' },
];

let built: string | undefined;

export async function buildFixtures(): Promise<string> {
  if (built) return built;
  const out = mkdtempSync(join(tmpdir(), 'rc-fixtures-'));
  for (const [name, html] of Object.entries(STATIC)) writeFileSync(join(out, name), html);
  await build({
    entryPoints: Object.fromEntries(BUNDLED.map((b) => [b.name, join(HERE, b.name + (existsSync(join(HERE, b.name + '.tsx')) ? '.tsx' : '.ts'))])),
    bundle: true,
    outdir: out,
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    jsxImportSource: 'react',
    tsconfigRaw: { compilerOptions: {} },
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'text' },
    logLevel: 'error',
    minify: true,
  });
  for (const b of BUNDLED) writeFileSync(join(out, b.name + '.html'), page(b.title, b.body, { script: b.name, css: b.css && existsSync(join(out, b.name + '.css')) }));
  built = out;
  return out;
}
