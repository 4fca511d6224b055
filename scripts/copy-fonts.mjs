#!/usr/bin/env node
/**
 * Copies the PDF fonts (SIL OFL 1.1, from npm) into public/fonts/ at build time so the browser
 * can embed them in exported records; they are not committed (18 MB).
 */
import { copyFileSync, mkdirSync } from 'node:fs';

const FONTS = {
  'NotoSansTC-Regular.ttf': 'node_modules/@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf',
  'NotoSansSC-Regular.ttf': 'node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
};
mkdirSync('public/fonts', { recursive: true });
for (const [name, from] of Object.entries(FONTS)) copyFileSync(from, `public/fonts/${name}`);
console.log(`copied ${Object.keys(FONTS).length} fonts to public/fonts/`);
