/** The web app manifest's icons, rendered from one SVG with sharp (Node only, run by hand). */
import { join } from 'node:path';
import sharp from 'sharp';

/** `any` icons at the sizes installability needs; the maskable one keeps its artwork in the safe zone. */
export const APP_ICONS = [
  { file: 'icon-192.png', size: 192, padding: 0 },
  { file: 'icon-512.png', size: 512, padding: 0 },
  { file: 'maskable-512.png', size: 512, padding: 52 },
];

export async function writeAppIcons(dir: string): Promise<string[]> {
  const svg = join(dir, 'icon.svg');
  return Promise.all(
    APP_ICONS.map(async ({ file, size, padding }) => {
      const inner = size - 2 * padding;
      await sharp(svg, { density: 300 })
        .resize(inner, inner)
        .extend({ top: padding, bottom: padding, left: padding, right: padding, background: '#1f4e79' })
        .png({ compressionLevel: 9, palette: true })
        .toFile(join(dir, file));
      return join(dir, file);
    }),
  );
}
