import x from "x-lib";
export const y = {
