/** What the 简体中文 view says about itself (written in Simplified: it is shown only there). */

/** At the top of every 简体 page (on the pages Starlight renders, through ReadingNotice.astro). */
export const READING_NOTICE =
  '本页由繁体中文版按 OpenCC 及本手册词汇表自动转换为简体中文，仅为阅读方便；正式文本以繁体中文版为准。';

/** Shown above a form wherever one can be filled in the 简体 view. */
export const RECORD_NOTICE =
  '简体中文仅为阅读方便：表单的标签、选项和错误信息按简体显示，但记录（导出的 JSON 值及 PDF）仍是正式的繁体中文表单；你输入的内容按原样保存，不作转换。';
