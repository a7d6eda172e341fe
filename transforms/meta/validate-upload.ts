import type { TransformMeta } from '../../src/engine/transform-types.ts';
import { STORE_CALL_TEXT } from '../../src/analysis/uploads.ts';

/** What a route or action stores uploads with when no form says which types it takes: images and PDFs, never SVG or HTML, which run as script from the file's URL. */
export const FALLBACK_UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/pdf'];

export const meta: TransformMeta = {
  id: 'validate-upload',
  title: "Check an uploaded file's size and type on the server before storing it",
  description:
    "Right after the handler reads the uploaded file (and after its own `if (!file)` checks), before the store call, adds the checks it lacks: `file.size > MAX_UPLOAD_BYTES` answers 413 and a type outside `ALLOWED_UPLOAD_TYPES` answers 415, in the handler's own idiom (`NextResponse.json`, `Response`, `res.status(…).json`; a server action throws, or returns `{ error }` where it already answers errors that way), with the two constants declared at the top of the module. A value the code does not already treat as a File is first refused with 400 unless it is one. The allowed types come from the `accept=` of the form that posts to the route or imports the action (`image/*` becomes the common raster types, never SVG), else from the answer. Files parsed by formidable or multer, and files stored inside a callback, get a TODO. Needs review: uploads over the limit or of other types are now refused.",
  safe: false,
  prefilter: STORE_CALL_TEXT,
  questions: [
    {
      name: 'maxBytes',
      message: 'Largest upload to accept, in bytes (5 MB = 5242880)?',
      type: 'number',
      default: 5 * 1024 * 1024,
      integer: true,
      min: 1,
      max: 5 * 1024 * 1024 * 1024,
    },
    {
      name: 'allowedTypes',
      message: `MIME types to accept, comma-separated (empty: the accept= of each upload's own form, else ${FALLBACK_UPLOAD_TYPES.join(', ')})?`,
      type: 'string',
      default: '',
    },
  ],
};
