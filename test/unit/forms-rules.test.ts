/**
 * Every rule in the form schemas: data that breaks it (the zh-TW error names the field's title and
 * cites the clause) and data that satisfies it — run through the build-time compiled validators.
 */
import { describe, expect, test } from 'vitest';
import type { FormId } from '../../src/lib/procedures.ts';
import { listRules } from '../../src/lib/forms/rules.ts';
import { formDefinitions, getExample } from '../../src/lib/forms/definition/index.ts';
import { validateRecord } from '../../src/lib/forms/validation/validate.ts';
import { sortCatalogueRows } from '../../src/lib/forms/derive.ts';

type Data = Record<string, any>;
interface Case {
  form: FormId;
  rule: string;
  /** Mutates a fresh copy of the form's example so that only this rule fails. */
  breaks: (d: Data) => void;
  /** The field the error must be on, and its title as shown. */
  path: string;
  title: string;
  /** Mutates a fresh copy of the example into data that exercises the rule and passes it. */
  satisfies: (d: Data) => void;
  /** Other rules that fail together with this one by nature (e.g. 4.5 follows 4.2.7). */
  alsoFails?: string[];
}

const sig = (name: string, signedOn = '2026-03-20') => ({ name, signedOn });

/** violation-record example (重大) turned into a valid 一般 record. */
function generalViolation(d: Data) {
  d.ownerInterestsHarmed = false;
  d.publicSafetyThreat = false;
  d.level = 'general';
  d.retention = '一年';
  d.supervisorVisit = { by: '黃志強', at: '2026-03-10T15:00:00+08:00', content: '到場勸導業戶即日清理雜物。' };
  d.signatures.supervisor = sig('黃志強', '2026-03-10');
  d.measures = ['advice'];
  delete d.superiorOpinion;
  delete d.signatures.superior;
  delete d.penaltyDecider;
  delete d.penaltyDeciderName;
  delete d.reconciliation;
  delete d.rectifyBy;
}

const CASES: Case[] = [
  // 業戶意見受理表
  { form: 'complaint-intake', rule: 'complaint-intake/channel-other', path: '/channelOther', title: '其他投訴方式說明',
    breaks: (d) => { d.channel = 'other'; },
    satisfies: (d) => { d.channel = 'other'; d.channelOther = '業主委員會轉介'; } },
  { form: 'complaint-intake', rule: 'complaint-intake/major-report', path: '/reportTo', title: '報告對象',
    breaks: (d) => { d.isMajor = true; d.signatures.manager = sig('何美玲'); },
    satisfies: (d) => { d.isMajor = true; d.reportTo = 'departmentHead'; d.reportedAt = '2026-03-04T09:30:00+08:00'; d.signatures.manager = sig('何美玲'); } },
  { form: 'complaint-intake', rule: 'complaint-intake/report-after-intake', path: '/reportedAt', title: '報告時間',
    breaks: (d) => { d.isMajor = true; d.reportTo = 'companyLeader'; d.reportedAt = '2026-03-04T09:00:00+08:00'; d.signatures.manager = sig('何美玲'); },
    satisfies: (d) => { d.isMajor = true; d.reportTo = 'companyLeader'; d.reportedAt = '2026-03-04T09:15:00+08:00'; d.signatures.manager = sig('何美玲'); } },
  { form: 'complaint-intake', rule: 'complaint-intake/major-manager-signs', path: '/signatures/manager', title: '客戶服務中心經理簽署',
    breaks: (d) => { d.isMajor = true; d.reportTo = 'companyLeader'; d.reportedAt = '2026-03-04T09:20:00+08:00'; },
    satisfies: (d) => { d.isMajor = true; d.reportTo = 'companyLeader'; d.reportedAt = '2026-03-04T09:20:00+08:00'; d.signatures.manager = sig('何美玲'); } },
  { form: 'complaint-intake', rule: 'complaint-intake/unresolved-explain', path: '/nextReplyAt', title: '下次回復時間',
    breaks: (d) => { d.status = 'open'; d.resolved = false; },
    satisfies: (d) => { d.status = 'open'; d.resolved = false; d.explanationToOwner = '須待樓上業戶返港後入屋檢查。'; d.nextReplyAt = '2026-03-07T10:00:00+08:00'; } },
  { form: 'complaint-intake', rule: 'complaint-intake/next-reply-after-intake', path: '/nextReplyAt', title: '下次回復時間',
    breaks: (d) => { d.status = 'open'; d.resolved = false; d.explanationToOwner = '須入屋檢查。'; d.nextReplyAt = '2026-03-04T09:15:00+08:00'; },
    satisfies: (d) => { d.status = 'open'; d.resolved = false; d.explanationToOwner = '須入屋檢查。'; d.nextReplyAt = '2026-03-04T09:16:00+08:00'; } },
  { form: 'complaint-intake', rule: 'complaint-intake/close-only-resolved', path: '/resolved', title: '是否已解決',
    breaks: (d) => { d.resolved = false; d.explanationToOwner = '須入屋檢查。'; d.nextReplyAt = '2026-03-07T10:00:00+08:00'; },
    satisfies: (d) => { d.status = 'open'; d.resolved = false; d.explanationToOwner = '須入屋檢查。'; d.nextReplyAt = '2026-03-07T10:00:00+08:00'; } },
  { form: 'complaint-intake', rule: 'complaint-intake/close-reply', path: '/reply', title: '回復業戶',
    breaks: (d) => { delete d.reply; },
    satisfies: () => {} },
  { form: 'complaint-intake', rule: 'complaint-intake/close-owner-opinion', path: '/signatures/owner', title: '業戶簽署（加蓋意見）',
    breaks: (d) => { delete d.signatures.owner; },
    satisfies: (d) => { d.status = 'open'; delete d.signatures.owner; delete d.ownerOpinion; } },

  // 月度投訴統計分析
  { form: 'complaint-monthly-stats', rule: 'complaint-monthly-stats/sums', path: '/total', title: '投訴總數',
    breaks: (d) => { d.byCategory.other = 1; },
    satisfies: (d) => { d.byCategory.other = 1; d.byCategory.neighbours = 0; } },
  { form: 'complaint-monthly-stats', rule: 'complaint-monthly-stats/report', path: '/analysis', title: '分析',
    breaks: (d) => { delete d.analysis; },
    satisfies: (d) => { d.status = 'open'; delete d.analysis; delete d.signatures; } },

  // 業戶違章事件記錄表
  { form: 'violation-record', rule: 'violation-record/level', path: '/level', title: '違章等級',
    breaks: (d) => { d.publicSafetyThreat = false; },
    alsoFails: ['violation-record/retention', 'violation-record/general-supervisor'],
    satisfies: generalViolation },
  { form: 'violation-record', rule: 'violation-record/retention', path: '/retention', title: '保存期限',
    breaks: (d) => { d.retention = '一年'; },
    satisfies: (d) => { generalViolation(d); } },
  { form: 'violation-record', rule: 'violation-record/major-escalate', path: '/escalation', title: '上報上級',
    breaks: (d) => { delete d.escalation; },
    satisfies: () => {} },
  { form: 'violation-record', rule: 'violation-record/general-supervisor', path: '/supervisorVisit', title: '物業主任現場勸導',
    breaks: (d) => { generalViolation(d); delete d.supervisorVisit; },
    satisfies: generalViolation },
  { form: 'violation-record', rule: 'violation-record/advice-general-only', path: '/measures', title: '處理措施',
    breaks: (d) => { d.measures = ['advice', 'rectification', 'publicCriticism']; },
    satisfies: generalViolation },
  { form: 'violation-record', rule: 'violation-record/major-only-measures', path: '/measures', title: '處理措施',
    breaks: (d) => {
      generalViolation(d);
      Object.assign(d, { measures: ['advice', 'compensation'], superiorOpinion: '賠償清潔費。', penaltyDecider: 'csManager', involvesCharges: true, amount: 800, financeSubmittedOn: '2026-03-31', reconciliation: '已上門溝通。' });
      d.signatures.superior = sig('何美玲');
    },
    satisfies: (d) => { Object.assign(d, { measures: ['rectification', 'compensation'], involvesCharges: true, amount: 800, financeSubmittedOn: '2026-03-31', ownerRefusedOpinion: false }); } },
  { form: 'violation-record', rule: 'violation-record/superior-decides', path: '/superiorOpinion', title: '上級處理意見',
    breaks: (d) => { Object.assign(d, { measures: ['rectification', 'compensation'], involvesCharges: true, amount: 800, financeSubmittedOn: '2026-03-31' }); delete d.superiorOpinion; },
    satisfies: (d) => { Object.assign(d, { measures: ['rectification', 'compensation'], involvesCharges: true, amount: 800, financeSubmittedOn: '2026-03-31' }); } },
  { form: 'violation-record', rule: 'violation-record/rectify-deadline', path: '/rectifyBy', title: '整改期限',
    breaks: (d) => { delete d.rectifyBy; },
    satisfies: () => {} },
  { form: 'violation-record', rule: 'violation-record/criticism-refused', path: '/ownerRefusedOpinion', title: '業戶是否不接受違章處理意見',
    breaks: (d) => { d.ownerRefusedOpinion = false; },
    satisfies: (d) => { d.ownerRefusedOpinion = true; } },
  { form: 'violation-record', rule: 'violation-record/lawsuit-ground', path: '/lawsuitGround', title: '提起訴訟的理由',
    breaks: (d) => { d.measures.push('lawsuit'); d.lawyerLetterSentOn = '2026-03-20'; },
    satisfies: (d) => { d.measures.push('lawsuit'); d.lawyerLetterSentOn = '2026-03-20'; d.lawsuitGround = 'refusedFees'; } },
  { form: 'violation-record', rule: 'violation-record/lawyer-letter-first', path: '/lawyerLetterSentOn', title: '律師函發出日期',
    breaks: (d) => { d.measures.push('lawsuit'); d.lawsuitGround = 'seriousArrears'; },
    satisfies: (d) => { d.measures.push('lawsuit'); d.lawsuitGround = 'seriousArrears'; d.lawyerLetterSentOn = '2026-03-20'; } },
  { form: 'violation-record', rule: 'violation-record/lawsuit-after-letter', path: '/lawsuitFiledOn', title: '提起訴訟日期',
    breaks: (d) => { Object.assign(d, { lawsuitGround: 'seriousArrears', lawyerLetterSentOn: '2026-03-20', lawsuitFiledOn: '2026-03-15' }); d.measures.push('lawsuit'); },
    satisfies: (d) => { Object.assign(d, { lawsuitGround: 'seriousArrears', lawyerLetterSentOn: '2026-03-20', lawsuitFiledOn: '2026-04-15' }); d.measures.push('lawsuit'); } },
  { form: 'violation-record', rule: 'violation-record/penalty-decider', path: '/penaltyDecider', title: '處罰決定人',
    breaks: (d) => { d.penaltyDecider = 'propertySupervisor'; },
    satisfies: (d) => { d.penaltyDecider = 'csManager'; } },
  { form: 'violation-record', rule: 'violation-record/superior-signs', path: '/signatures/superior', title: '物業公司上級簽署',
    breaks: (d) => { delete d.signatures.superior; },
    satisfies: () => {} },
  { form: 'violation-record', rule: 'violation-record/compensation-charges', path: '/involvesCharges', title: '是否涉及向業戶收取費用',
    breaks: (d) => { d.measures.push('compensation'); d.involvesCharges = false; },
    satisfies: (d) => { d.measures.push('compensation'); Object.assign(d, { involvesCharges: true, amount: 1500.5, financeSubmittedOn: '2026-03-31' }); } },
  { form: 'violation-record', rule: 'violation-record/charges-amount', path: '/amount', title: '金額（元）',
    breaks: (d) => { d.status = 'open'; d.involvesCharges = true; },
    satisfies: (d) => { d.status = 'open'; d.involvesCharges = true; d.amount = 320; } },
  { form: 'violation-record', rule: 'violation-record/charges-finance', path: '/financeSubmittedOn', title: '原件報財務部日期',
    breaks: (d) => { d.involvesCharges = true; d.amount = 320; },
    satisfies: (d) => { d.involvesCharges = true; d.amount = 320; d.financeSubmittedOn = '2026-03-31'; } },
  { form: 'violation-record', rule: 'violation-record/close', path: '/outcome', title: '處理結果',
    breaks: (d) => { delete d.outcome; },
    satisfies: (d) => { d.status = 'open'; delete d.outcome; delete d.reconciliation; } },
  { form: 'violation-record', rule: 'violation-record/penalty-reconcile', path: '/reconciliation', title: '事後溝通及緩和關係情況',
    breaks: (d) => { delete d.reconciliation; },
    satisfies: (d) => { d.status = 'open'; delete d.reconciliation; } },

  // 業戶違規處理通知單
  { form: 'violation-notice', rule: 'violation-notice/retention', path: '/retention', title: '保存期限',
    breaks: (d) => { d.retention = '一年'; },
    satisfies: (d) => { d.level = 'general'; d.retention = '一年'; } },
  { form: 'violation-notice', rule: 'violation-notice/major-only-measures', path: '/measures', title: '處理措施',
    breaks: (d) => { Object.assign(d, { level: 'general', retention: '一年', measures: ['compensation'], compensationAmount: 600, penaltyDecider: 'csManager' }); },
    satisfies: (d) => { Object.assign(d, { measures: ['compensation'], compensationAmount: 600, penaltyDecider: 'csManager' }); } },
  { form: 'violation-notice', rule: 'violation-notice/rectify-deadline', path: '/rectifyBy', title: '整改期限',
    breaks: (d) => { delete d.rectifyBy; },
    satisfies: () => {} },
  { form: 'violation-notice', rule: 'violation-notice/rectify-after-issue', path: '/rectifyBy', title: '整改期限',
    breaks: (d) => { d.rectifyBy = d.issuedOn; },
    satisfies: (d) => { d.rectifyBy = '2026-03-11'; } },
  { form: 'violation-notice', rule: 'violation-notice/compensation-amount', path: '/compensationAmount', title: '賠償金額（元）',
    breaks: (d) => { d.measures.push('compensation'); d.penaltyDecider = 'propertyManager'; },
    satisfies: (d) => { d.measures.push('compensation'); d.penaltyDecider = 'propertyManager'; d.compensationAmount = 2400; } },
  { form: 'violation-notice', rule: 'violation-notice/penalty-decider', path: '/penaltyDecider', title: '處罰決定人',
    breaks: (d) => { d.measures.push('publicCriticism'); d.penaltyDecider = 'areaSteward'; },
    satisfies: (d) => { d.measures.push('publicCriticism'); d.penaltyDecider = 'propertyManager'; } },
  { form: 'violation-notice', rule: 'violation-notice/owner-receipt', path: '/signatures/owner', title: '業戶（簽收）',
    breaks: (d) => { delete d.signatures.owner; },
    satisfies: (d) => { d.status = 'open'; delete d.signatures.owner; } },

  // QR/GR-016 顧客信息、投訴記錄表
  { form: 'qr-gr-016', rule: 'qr-gr-016/source-other', path: '/sourceOther', title: '其他信息來源說明',
    breaks: (d) => { d.source = 'other'; },
    satisfies: (d) => { d.source = 'other'; d.sourceOther = '區議員辦事處'; } },
  { form: 'qr-gr-016', rule: 'qr-gr-016/transfer', path: '/coordinationSlipNo', title: '內部協調工作單編號',
    breaks: (d) => { delete d.coordinationSlipNo; },
    satisfies: (d) => { d.inScope = true; delete d.coordinationSlipNo; delete d.transferredTo; } },
  { form: 'qr-gr-016', rule: 'qr-gr-016/complaint-record', path: '/complaintRecordNo', title: '顧客投訴處理記錄表投訴編號',
    breaks: (d) => { d.category = 'complaint'; },
    satisfies: (d) => { d.category = 'complaint'; d.complaintRecordNo = 'KS-2026-0008'; } },

  // QR/GR-036 顧客投訴處理記錄表
  { form: 'qr-gr-036', rule: 'qr-gr-036/apology', path: '/apologised', title: '已向顧客道歉',
    breaks: (d) => { d.apologised = false; },
    satisfies: () => {} },
  { form: 'qr-gr-036', rule: 'qr-gr-036/forward', path: '/forwardedAt', title: '反饋相關部門時間',
    breaks: (d) => { delete d.forwardedAt; },
    satisfies: (d) => { d.ownResponsibility = true; delete d.forwardedAt; } },
  { form: 'qr-gr-036', rule: 'qr-gr-036/severity', path: '/severity', title: '有效投訴程度',
    breaks: (d) => { delete d.severity; },
    satisfies: () => {} },
  { form: 'qr-gr-036', rule: 'qr-gr-036/invalid-explain', path: '/legalBasis', title: '依據（法律、法規）',
    breaks: (d) => { d.validity = 'invalid'; delete d.severity; d.explanation = '熱水爐屬會所承辦商管理。'; },
    satisfies: (d) => { d.validity = 'invalid'; delete d.severity; d.explanation = '熱水爐屬會所承辦商管理。'; d.legalBasis = '大廈公契第 12 條：會所設施由承辦商負責維修。'; } },
  { form: 'qr-gr-036', rule: 'qr-gr-036/two-days', path: '/completedAt', title: '完成時間',
    breaks: (d) => { d.completedAt = '2026-03-13T18:31:00+08:00'; },
    satisfies: (d) => { d.completedAt = '2026-03-13T18:30:00+08:00'; } },
  { form: 'qr-gr-036', rule: 'qr-gr-036/serious', path: '/coordinationSlipNo', title: '內部協調工作單編號（TP/QP-11）',
    breaks: (d) => { Object.assign(d, { severity: 'serious', leaderName: '鄭家明', leaderReportedAt: '2026-03-11T19:00:00+08:00', analysis: '熱水爐老化。', responsiblePerson: '吳國華', deadline: '2026-03-15T18:00:00+08:00' }); },
    satisfies: (d) => { Object.assign(d, { severity: 'serious', leaderName: '鄭家明', leaderReportedAt: '2026-03-11T19:00:00+08:00', analysis: '熱水爐老化。', coordinationSlipNo: 'XT-2026-0040', responsiblePerson: '吳國華', deadline: '2026-03-15T18:00:00+08:00', completedAt: '2026-03-15T12:00:00+08:00' }); } },
  { form: 'qr-gr-036', rule: 'qr-gr-036/deadline-after', path: '/deadline', title: '限定完成時間',
    breaks: (d) => { Object.assign(d, { severity: 'serious', leaderName: '鄭家明', leaderReportedAt: '2026-03-11T19:00:00+08:00', analysis: '熱水爐老化。', coordinationSlipNo: 'XT-2026-0040', responsiblePerson: '吳國華', deadline: '2026-03-11T18:30:00+08:00' }); },
    satisfies: (d) => { Object.assign(d, { severity: 'serious', leaderName: '鄭家明', leaderReportedAt: '2026-03-11T19:00:00+08:00', analysis: '熱水爐老化。', coordinationSlipNo: 'XT-2026-0040', responsiblePerson: '吳國華', deadline: '2026-03-11T18:31:00+08:00' }); } },
  { form: 'qr-gr-036', rule: 'qr-gr-036/completed-after', path: '/completedAt', title: '完成時間',
    breaks: (d) => { d.completedAt = '2026-03-11T18:00:00+08:00'; },
    satisfies: (d) => { d.completedAt = '2026-03-11T18:30:00+08:00'; } },
  { form: 'qr-gr-036', rule: 'qr-gr-036/close', path: '/signatures/deptHead', title: '部門負責人簽字確認',
    breaks: (d) => { delete d.signatures.deptHead; },
    satisfies: (d) => { d.status = 'open'; delete d.signatures.deptHead; delete d.followUp; delete d.result; } },

  // 內部協調工作單
  { form: 'internal-coordination', rule: 'internal-coordination/receiver-confirms', path: '/signatures/receiver', title: '接收部門員工簽字確認',
    breaks: (d) => { delete d.signatures.receiver; },
    satisfies: () => {} },
  { form: 'internal-coordination', rule: 'internal-coordination/due-after-issue', path: '/dueBy', title: '要求完成時間',
    breaks: (d) => { d.dueBy = d.issuedAt; },
    satisfies: (d) => { d.dueBy = '2026-03-05T10:51:00+08:00'; } },
  { form: 'internal-coordination', rule: 'internal-coordination/completed-after-issue', path: '/completedAt', title: '完成時間',
    breaks: (d) => { d.completedAt = '2026-03-05T10:00:00+08:00'; },
    satisfies: (d) => { d.completedAt = d.issuedAt; } },
  { form: 'internal-coordination', rule: 'internal-coordination/close', path: '/signatures/verifier', title: '驗證人簽署',
    breaks: (d) => { delete d.signatures.verifier; },
    satisfies: (d) => { d.status = 'open'; delete d.signatures.verifier; delete d.result; delete d.completedAt; } },

  // 停水停電通知
  { form: 'outage-notice', rule: 'outage-notice/planned-24h', path: '/publishedAt', title: '發布時間',
    breaks: (d) => { d.publishedAt = '2026-03-17T10:00:00+08:00'; },
    satisfies: (d) => { d.publishedAt = '2026-03-17T09:00:00+08:00'; } },
  { form: 'outage-notice', rule: 'outage-notice/end-after-start', path: '/endAt', title: '結束時間',
    breaks: (d) => { d.endAt = d.startAt; },
    satisfies: (d) => { d.endAt = '2026-03-18T09:01:00+08:00'; } },
  { form: 'outage-notice', rule: 'outage-notice/emergency-apology', path: '/apologyContent', title: '道歉及情況說明',
    breaks: (d) => { d.kind = 'emergency'; d.publishedAt = '2026-03-18T09:30:00+08:00'; },
    satisfies: (d) => { Object.assign(d, { kind: 'emergency', publishedAt: '2026-03-18T09:30:00+08:00', apologyPublishedAt: '2026-03-18T15:00:00+08:00', apologyContent: '因市政水管爆裂停水，謹此致歉。' }); } },
  { form: 'outage-notice', rule: 'outage-notice/apology-after-event', path: '/apologyPublishedAt', title: '事後道歉及說明發布時間',
    breaks: (d) => { Object.assign(d, { kind: 'emergency', apologyPublishedAt: '2026-03-18T12:00:00+08:00', apologyContent: '謹此致歉。' }); },
    satisfies: (d) => { Object.assign(d, { kind: 'emergency', apologyPublishedAt: '2026-03-18T13:00:00+08:00', apologyContent: '謹此致歉。' }); } },

  // 業戶檔案目錄
  { form: 'archive-catalogue', rule: 'archive-catalogue/top-secret', path: '/confidentiality', title: '密級',
    breaks: (d) => { d.confidentiality = '一般'; },
    satisfies: () => {} },
  { form: 'archive-catalogue', rule: 'archive-catalogue/order', path: '/rows/1', title: '業戶檔案 第 2 列',
    breaks: (d) => { [d.rows[0], d.rows[1]] = [d.rows[1], d.rows[0]]; },
    satisfies: (d) => { d.rows = sortCatalogueRows([...d.rows].reverse()); } },

  // 業戶檔案變更記錄
  { form: 'archive-change', rule: 'archive-change/recorder-role', path: '/recorderRole', title: '記錄人職位',
    breaks: (d) => { d.recorderRole = 'manager'; },
    satisfies: (d) => { d.recorderRole = 'frontDesk'; } },
  { form: 'archive-change', rule: 'archive-change/top-secret', path: '/confidentiality', title: '密級',
    breaks: (d) => { d.confidentiality = '機密'; },
    satisfies: () => {} },

  // 業戶檔案查閱登記
  { form: 'archive-access', rule: 'archive-access/top-secret', path: '/confidentiality', title: '密級',
    breaks: (d) => { d.confidentiality = '一般'; },
    satisfies: () => {} },
  { form: 'archive-access', rule: 'archive-access/approval', path: '/signatures/approver', title: '部門經理（批准）簽署',
    breaks: (d) => { delete d.signatures.approver; },
    satisfies: () => {} },
  { form: 'archive-access', rule: 'archive-access/approved-before-access', path: '/accessedAt', title: '查閱時間',
    breaks: (d) => { d.accessedAt = '2026-03-04T10:59:00+08:00'; },
    satisfies: (d) => { d.accessedAt = d.approvedAt; } },
  { form: 'archive-access', rule: 'archive-access/returned-after-access', path: '/returnedAt', title: '歸還時間',
    breaks: (d) => { d.returnedAt = '2026-03-04T13:00:00+08:00'; },
    satisfies: (d) => { d.returnedAt = d.accessedAt; } },
  { form: 'archive-access', rule: 'archive-access/close', path: '/returnedAt', title: '歸還時間',
    breaks: (d) => { delete d.returnedAt; },
    satisfies: (d) => { d.status = 'open'; delete d.returnedAt; } },

  // 回訪用戶記錄表
  { form: 'follow-up-visit', rule: 'follow-up-visit/dissatisfied', path: '/resolution', title: '解決措施或向用戶解釋的原因',
    breaks: (d) => { d.satisfaction = 'dissatisfied'; d.nextVisitDate = '2026-03-20'; d.rectificationOwner = '吳國華'; },
    satisfies: (d) => { Object.assign(d, { satisfaction: 'dissatisfied', reasonExplained: '樓上單位業戶外遊，須待其返港方可入屋更換喉管。', nextVisitDate: '2026-03-20', rectificationOwner: '吳國華' }); } },
  { form: 'follow-up-visit', rule: 'follow-up-visit/next-visit-after', path: '/nextVisitDate', title: '下次回訪時間',
    breaks: (d) => { d.nextVisitDate = d.visitDate; },
    satisfies: (d) => { d.nextVisitDate = '2026-03-14'; } },
  { form: 'follow-up-visit', rule: 'follow-up-visit/major-led-by-manager', path: '/ledBy', title: '回訪負責人',
    breaks: (d) => { d.relatedComplaintMajor = true; },
    satisfies: (d) => { d.relatedComplaintMajor = true; d.ledBy = 'csManager'; } },
  { form: 'follow-up-visit', rule: 'follow-up-visit/owner-signs-on-site', path: '/signatures/owner', title: '業戶簽署',
    breaks: (d) => { delete d.signatures.owner; },
    satisfies: (d) => { d.method = 'phone'; delete d.signatures.owner; } },

  // 回訪用戶月統計
  { form: 'follow-up-monthly-stats', rule: 'follow-up-monthly-stats/sums', path: '/total', title: '回訪數',
    breaks: (d) => { d.total = 5; d.satisfactionRate = 60; },
    satisfies: (d) => { d.total = 5; d.satisfaction.dissatisfied = 2; d.byMethod.phone = 2; d.satisfactionRate = 60; } },
  { form: 'follow-up-monthly-stats', rule: 'follow-up-monthly-stats/rate', path: '/satisfactionRate', title: '滿意率（%）',
    breaks: (d) => { d.satisfactionRate = 80; },
    satisfies: (d) => { d.satisfaction = { satisfied: 1, fair: 1, dissatisfied: 1 }; d.total = 3; d.byMethod = { onSite: 2, phone: 1 }; d.satisfactionRate = 66.7; } },
  { form: 'follow-up-monthly-stats', rule: 'follow-up-monthly-stats/submit', path: '/improvements', title: '改進措施',
    breaks: (d) => { delete d.improvements; },
    satisfies: (d) => { d.status = 'open'; delete d.improvements; delete d.signatures; } },
];

const RULES = new Map(formDefinitions().flatMap((f) => listRules(f.schema)).map((r) => [r.id, r]));

describe('every rule has a test', () => {
  test('all x-rule ids are covered, and every case names a real rule', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    expect([...RULES.keys()].filter((id) => !covered.has(id))).toEqual([]);
    expect(CASES.map((c) => c.rule).filter((id) => !RULES.has(id))).toEqual([]);
  });
});

describe.each(CASES)('$rule', (c) => {
  const rule = RULES.get(c.rule)!;
  test('broken: error names the field title and cites the clause', () => {
    const d = getExample(c.form);
    c.breaks(d);
    const r = validateRecord(c.form, d);
    expect(r.valid).toBe(false);
    const hit = r.errors.find((e) => e.ruleId === c.rule && e.path === c.path);
    expect(hit, JSON.stringify(r.errors, null, 1)).toBeDefined();
    expect(hit!.title).toBe(c.title);
    expect(hit!.message.startsWith(`「${c.title}」：${rule.citation}，`)).toBe(true);
    expect(hit!.message).toContain(rule.message);
    const others = r.errors.filter((e) => e.ruleId !== c.rule && !(c.alsoFails ?? []).includes(e.ruleId ?? ''));
    expect(others, 'only this rule fails').toEqual([]);
  });
  test('satisfied: the data passes', () => {
    const d = getExample(c.form);
    c.satisfies(d);
    const r = validateRecord(c.form, d);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });
});
