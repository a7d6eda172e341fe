export function register() {
  // onRequestError is not exported here, only mentioned.
}
