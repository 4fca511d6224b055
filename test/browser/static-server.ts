/**
 * A minimal static server for the built site (dist/), so browser tests need no dev server and
 * can set response headers such as a Content-Security-Policy.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { builtHostingHeaders } from '../../src/lib/hosting-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

/** The Content-Security-Policy header the build told hosts to send for this built site (root/_headers). */
export function siteCsp(root: string): string {
  const csp = builtHostingHeaders(root)?.['Content-Security-Policy'];
  if (!csp) throw new Error(`${root}/_headers carries no Content-Security-Policy: run \`npm run build\``);
  return csp;
}

/**
 * The precompressed twin (`.br`, else `.gz`) the client accepts, as nginx's brotli_static/gzip_static
 * and Caddy's `precompressed` serve them (README, "Serving the site").
 */
async function precompressedTwin(file: string, acceptEncoding: string): Promise<{ body: Buffer; encoding: string } | null> {
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (!acceptEncoding.includes(encoding)) continue;
    const body = await readFile(file + suffix).catch(() => null);
    if (body) return { body, encoding };
  }
  return null;
}

/** `precompressed`: answer with a file's .br/.gz twin when the request accepts it (the benchmarks serve the site so). */
export async function startStaticServer(root: string, headers: Record<string, string> = {}, options: { precompressed?: boolean } = {}): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(root, path));
      if (!file.startsWith(normalize(root))) throw new Error('outside root');
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const type = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
      const twin = options.precompressed ? await precompressedTwin(file, String(req.headers['accept-encoding'] ?? '')) : null;
      if (twin) {
        res.writeHead(200, { ...type, 'content-encoding': twin.encoding, vary: 'Accept-Encoding', ...headers });
        res.end(twin.body);
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { ...type, ...headers });
      res.end(body);
    } catch {
      const notFound = await readFile(join(root, '404.html')).catch(() => Buffer.from('not found'));
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(notFound);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return { url: `http://127.0.0.1:${address.port}`, server };
}
