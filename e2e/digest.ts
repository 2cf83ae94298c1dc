// The digest the site is built from (static/digest.json), for expectations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Speech = {
  id: string;
  speaker: { name: string; role: string; on_behalf_of: string | null };
  title: string;
  themes: string[];
  notes: { kind: string; text: string; at: string }[];
};

export type Digest = {
  meeting: { title: string; subtitle: string; date: string };
  themes: { id: string; name: string }[];
  speeches: Speech[];
};

export const digest: Digest = JSON.parse(readFileSync(join(__dirname, '..', 'static', 'digest.json'), 'utf8'));
