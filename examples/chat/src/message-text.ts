// Boxes are end-to-end encrypted: `encrypted` is ciphertext the gateway never reads. The demo
// data's "ciphertext" is the UTF-8 text in unpadded URL-safe base64 (the only form the API
// accepts), so this stands where a real client would encrypt and decrypt with the box key.

/** The public key a demo message claims to be encrypted for. */
export const DEMO_PUBLIC_KEY = 'demo-public-key';

export function encodeMessage(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary)
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/(?<!=)=+$/, '');
}

/** The text, or null when the payload is not base64 of UTF-8 (real ciphertext, say). */
export function decodeMessage(encrypted: string): string | null {
  try {
    const binary = atob(encrypted.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
