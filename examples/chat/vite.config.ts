// The page calls /graphql on its own origin and this server forwards it to the gateway, so the
// gateway needs no CORS rule for the example (and cookies, if a deployment used them, would stay
// first-party). GATEWAY_URL: where `npm start` listens.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';
// /files: the gateway's streamed downloads of file messages (GET /files/{encryptedFileId}).
const proxy = {
  '/graphql': { target: gateway, changeOrigin: true, ws: true },
  '/files': { target: gateway, changeOrigin: true },
};

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
});
