export async function sendResetEmail(email) {
  return email;
}
