import { readFileSync } from 'node:fs';
import type { Download, FrameLocator, Locator, Page } from '@playwright/test';

/** The CSV columns, in order (src/export.rs). */
export const CSV_COLUMNS = ['发言人', '所代表单位', '发言标题', '序号', '建议要点', '建议内容', '主题', '措施类型', '链接'];

/**
 * "分享与导出" at the end of every view (src/views/embed.rs): copy link, share, print,
 * export as CSV / JSON, the whole digest, and the embed code. Works on a page or inside a frame.
 */
export class ViewTools {
  readonly page: Page;
  readonly root: Locator;
  readonly copyLink: Locator;
  readonly share: Locator;
  readonly print: Locator;
  /** "导出本页的 N 条建议：" */
  readonly note: Locator;
  readonly csv: Locator;
  readonly json: Locator;
  readonly digest: Locator;
  readonly embedSummary: Locator;
  readonly embedCode: Locator;
  readonly copyEmbed: Locator;
  readonly status: Locator;

  constructor(page: Page, scope: Page | FrameLocator = page) {
    this.page = page;
    this.root = scope.locator('section.view-tools');
    this.copyLink = this.root.getByRole('button', { name: '复制本页链接' });
    this.share = this.root.getByRole('button', { name: '分享…' });
    this.print = this.root.getByRole('button', { name: '打印' });
    this.note = this.root.locator('.tool-note');
    this.csv = this.root.getByRole('group', { name: /^导出本页的/ }).getByRole('button', { name: 'CSV 表格' });
    this.json = this.root.getByRole('group', { name: /^导出本页的/ }).getByRole('button', { name: 'JSON' });
    this.digest = this.root.getByRole('link', { name: '全部开放数据（digest.json）' });
    this.embedSummary = this.root.locator('summary', { hasText: '嵌入本页' });
    this.embedCode = this.root.getByLabel(/把下面的代码粘贴到网页中/);
    this.copyEmbed = this.root.getByRole('button', { name: '复制嵌入代码' });
    this.status = scope.locator('p.status');
  }

  /** Clicks `what` and returns the downloaded file. */
  async download(what: Locator): Promise<{ download: Download; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), what.click()]);
    const path = await download.path();
    return { download, bytes: readFileSync(path!) };
  }
}

/** A strict RFC 4180 reader (quoted fields, doubled quotes, CRLF), as a spreadsheet reads it. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c === '\n') {
      throw new Error(`bare LF at ${i}`);
    } else {
      field += c;
    }
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('the last line does not end with CRLF');
  return rows;
}
