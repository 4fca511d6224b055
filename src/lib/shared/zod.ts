/**
 * zod as the project uses it: every module imports `z` from here. The site's CSP has no 'unsafe-eval';
 * zod would otherwise probe `Function('')` (a reported CSP violation on any page that ships it) to
 * compile object parsers. Jitless, it interprets them.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
