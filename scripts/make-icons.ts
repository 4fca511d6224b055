/**
 * Renders the app icons (public/icons/*.png) from public/icons/icon.svg; the PNGs are committed,
 * so run this only when the SVG changes:  npx node scripts/make-icons.ts
 */
import { resolve } from 'node:path';
import { writeAppIcons } from '../src/lib/offline/icons.ts';

for (const f of await writeAppIcons(resolve(import.meta.dirname, '..', 'public', 'icons'))) console.log(f);
