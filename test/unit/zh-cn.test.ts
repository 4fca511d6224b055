/**
 * The 简体中文 conversion: phrases from the company's text, the glossary's own terms, and the page
 * conversion (what changes, what must not: scripts, islands, `translate="no"`, form values).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSimplifier, parseGlossary } from '../../src/lib/i18n/zh-cn.ts';
import { localizeHref, toZhCnPage } from '../../src/lib/i18n/zh-cn-html.ts';
import { ZH_CN_GLOSSARY } from '../../src/lib/i18n/zh-cn-site.ts';

const seed = readFileSync('content/seed/as-issued.txt', 'utf8');

/** Every text source of the site (procedures, pages, components, schemas), concatenated. */
function sourceText(dirs: string[]): string {
  return dirs
    .flatMap((d) => readdirSync(d, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile() && /\.(mdx|astro|tsx?|json|txt)$/.test(e.name))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}
const glossary = parseGlossary(readFileSync(ZH_CN_GLOSSARY, 'utf8'));
const simplify = createSimplifier(glossary);

/** Phrases of the seed and what a mainland reader expects (checked by hand, not generated). */
const SEED_PHRASES: [string, string][] = [
  ['業戶', '业户'],
  ['裝修', '装修'],
  ['檔案', '档案'],
  ['違章停車', '违章停车'],
  ['律師函', '律师函'],
  ['投訴處理', '投诉处理'],
  ['客戶服務中心', '客户服务中心'],
  ['物業主任', '物业主任'],
  ['消防通道', '消防通道'],
  ['報警裝置', '报警装置'],
  ['通訊電話聯絡', '通讯电话联络'],
  ['檔案夾', '档案夹'],
  ['資料保存', '资料保存'],
  ['存檔', '存档'],
  ['工作程序', '工作程序'],
  ['文件編號', '文件编号'],
  ['即時勸導', '即时劝导'],
  ['由客戶服務中心執行', '由客户服务中心执行'],
  ['暫時停用標識牌', '暂时停用标识牌'],
  ['絕密檔案', '绝密档案'],
  ['回訪', '回访'],
  ['維修', '维修'],
  ['處罰', '处罚'],
  ['裝修管理規定', '装修管理规定'],
  ['違規處理通知單', '违规处理通知单'],
  ['保養', '保养'],
  ['記錄表', '记录表'],
  ['滿意度', '满意度'],
  ['顧客', '顾客'],
  ['溝通', '沟通'],
  ['簽發', '签发'],
  ['樓宇', '楼宇'],
  ['職責', '职责'],
  ['匯報', '汇报'],
  ['業戶檔案', '业户档案'],
  ['4、程序要點', '4、程序要点'],
];

describe('OpenCC with the glossary', () => {
  it.each(SEED_PHRASES)('%s -> %s (a phrase of the seed)', (traditional, simplified) => {
    expect(seed).toContain(traditional);
    expect(simplify(traditional)).toBe(simplified);
  });

  it('converts a whole clause of the seed in context', () => {
    const clause = /4\.4\.4[^。]*。/.exec(seed)![0];
    expect(simplify(clause)).toContain('可采取发律师函方法处理');
    expect(simplify(clause)).toContain('必要时再依法向当地司法机关提起诉讼');
  });

  it("every glossary term is in the site's own text and converts to the glossary's word, in and out of context", () => {
    const siteText = sourceText(['content', 'src', 'schemas']);
    expect(glossary.length).toBeGreaterThanOrEqual(10);
    for (const { traditional, simplified, why } of glossary) {
      expect(why, traditional).not.toBe('');
      expect(siteText, `${traditional} is not in the site's text`).toContain(traditional);
      expect(simplify(traditional)).toBe(simplified);
      expect(simplify(`請${traditional}。`)).toBe(`请${simplified}。`);
    }
    // The glossary fixes what OpenCC's Taiwan software phrases get wrong here.
    expect(simplify('業戶檔案目錄')).toBe('业户档案目录');
    expect(simplify('處理控制程序')).toBe('处理控制程序');
    expect(simplify('資料')).not.toBe('数据');
    // 稽核 (the audit) must not read as 审核, the review role of an approval.
    expect(simplify('批量稽核記錄')).toBe('批量稽核记录');
  });

  it('takes mainland words for the interface where OpenCC knows them', () => {
    expect(simplify('列印文本')).toBe('打印文本');
    expect(simplify('搜尋')).toBe('搜索');
    expect(simplify('不會傳送到任何伺服器')).toBe('不会发送到任何服务器');
    expect(simplify('可以在線上填寫')).toBe('可以在线填写');
  });

  it('leaves text without Han characters and already Simplified text alone', () => {
    expect(simplify('HB-SOP-02 A/1')).toBe('HB-SOP-02 A/1');
    for (const [, simplified] of SEED_PHRASES) expect(simplify(simplified)).toBe(simplified);
  });

  it('refuses a glossary line without a Simplified term, and a term listed twice', () => {
    expect(() => parseGlossary('檔案\n')).toThrow(/line 1/);
    expect(() => parseGlossary('檔案\t档案\tx\n檔案\t文件\ty\n')).toThrow(/twice/);
  });
});

describe('a page in the 简体 view', () => {
  const page = `<!doctype html><html lang="zh-TW"><head><title>業戶檔案</title>
<meta name="description" content="業戶違章處理"><link rel="canonical" href="http://x/sops/violations/"></head>
<body><a href="/" class="site-title sl-flex"><span translate="no">物業服務標準作業規程手冊</span></a><a href="/forms/violation-record/#f">違章記錄</a><a href="/fonts/x.ttf">字型</a><a href="/zh-cn/">简体</a>
<starlight-lang-select><select><option value="/sops/violations/" selected>繁體中文</option><option value="/zh-cn/sops/violations/">简体中文</option></select></starlight-lang-select>
<div class="sl-markdown-content"><p title="處理程序">處理程序</p>
<span translate="no">物業服務</span><script>const s = "業戶";</script>
<astro-island ssr component-url="/_astro/RecordForm.js"><label>業戶姓名</label></astro-island>
<input type="submit" value="檢查並完成"><input name="n" value="陳國華"><textarea>陳國華</textarea></div></body></html>`;
  const paths = new Set(['/sops/violations/', '/forms/violation-record/']);
  const localize = (p: string) => (paths.has(p) ? `/zh-cn${p}` : undefined);
  const out = toZhCnPage(page, { simplify, localize, notices: ['本页为简体'] });

  it('converts text, titles and descriptions and declares zh-CN', () => {
    expect(out).toContain('<html lang="zh-CN">');
    expect(out).toContain('<title>业户档案</title>');
    expect(out).toContain('content="业户违章处理"');
    expect(out).toContain('<p title="处理程序">处理程序</p>');
    expect(out).toContain('value="检查并完成"');
    // The site title is the handbook's name in the view's own script, as on Starlight's own 简体 pages.
    expect(out).toContain('<a href="/" class="site-title sl-flex"><span translate="no">物业服务标准作业规程手册</span></a>');
  });

  it('points links and the canonical URL at the 简体 pages that exist, and selects 简体中文 in the switcher', () => {
    expect(out).toContain('href="/zh-cn/forms/violation-record/#f"');
    expect(out).toContain('href="/fonts/x.ttf"');
    expect(out).toContain('<link rel="canonical" href="http://x/zh-cn/sops/violations/">');
    expect(out).toMatch(/<option value="\/sops\/violations\/">繁体中文<\/option><option value="\/zh-cn\/sops\/violations\/" selected>/);
    expect(localizeHref('/sops/violations/?q=1', localize)).toBe('/zh-cn/sops/violations/?q=1');
    expect(localizeHref('//elsewhere/sops/violations/', localize)).toBe('//elsewhere/sops/violations/');
  });

  it('keeps scripts, islands (React hydrates them), translate="no" text and typed values as they are', () => {
    expect(out).toContain('const s = "業戶";');
    expect(out).toContain('<label>業戶姓名</label>');
    expect(out).toContain('<span translate="no">物業服務</span>');
    expect(out).toContain('value="陳國華"');
    expect(out).toContain('<textarea>陳國華</textarea>');
  });

  it('puts the notices first in the content', () => {
    expect(out).toMatch(/<div class="sl-markdown-content"><p class="zh-cn-notice" role="note" data-zh-cn-notice="">本页为简体<\/p>/);
  });
});
