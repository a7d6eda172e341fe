// Nothing here needs a check, so the file is never parsed.
import x from "./x";
export const y = {
