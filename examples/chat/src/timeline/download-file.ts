// A file message's bytes: GET {downloadPath} on the page's own origin (the example's server
// forwards /files to the gateway), with the same bearer token as the GraphQL calls. The bytes are
// what the sender uploaded, still encrypted in a real client: this is where it would decrypt them
// with the box key before offering them. The demo does not encrypt, so it offers them as they are.
export async function downloadFile(path: string, token: string, name: string): Promise<void> {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      errors?: Array<{ extensions?: { code?: string } }>;
    } | null;
    throw new Error(`download failed: ${body?.errors?.[0]?.extensions?.code ?? response.status}`);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
