// The "Get started" walkthrough's sample: an untitled Dockerfile with a floating tag, a pinned image and
// `latest`, so the first hover, the problems and the "Pin to digest" quick fix are one click away.
import * as vscode from 'vscode';

const SAMPLE_DOCKERFILE = [
  '# Image Trust sample: hover an image name, then try the quick fix (Ctrl+. / Cmd+.) on a warning.',
  'FROM node:22-alpine AS build',
  'WORKDIR /app',
  'COPY . .',
  'RUN npm ci && npm run build',
  '',
  'FROM nginx:latest',
  'COPY --from=build /app/dist /usr/share/nginx/html',
  '',
].join('\n');

export async function openSampleDockerfile(): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: SAMPLE_DOCKERFILE });
  return vscode.window.showTextDocument(doc);
}
