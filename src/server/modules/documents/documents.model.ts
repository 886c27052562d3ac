/**
 * Format-free models of the official documents. Services build them from live data; the
 * renderers (mau2.xlsx.ts, decision.docx.ts) only lay them out.
 */

/** Membership roles in a team. */
export type TeamRole = 'leader' | 'deputy' | 'member';

/** One member line of the Mẫu 2 list. */
export interface Mau2Member {
  fullName: string;
  role: TeamRole;
  /** Position title as written, e.g. "Trưởng ấp"; rendered as "Tổ trưởng (Trưởng ấp)". */
  title: string | null;
  /** 10-digit mobile, or null. */
  phone: string | null;
  isZalo: boolean;
}

/** One team of the Mẫu 2 list with its members, leader first. */
export interface Mau2Team {
  name: string;
  members: Mau2Member[];
}

/** The teams of one commune. */
export interface Mau2Commune {
  /** As written in column (2), e.g. "UBND Phường Sa Đéc". */
  communeLabel: string;
  teams: Mau2Team[];
}

/** One worksheet: one commune, or every commune of a unit at commune level. */
export interface Mau2Sheet {
  /** Worksheet name (≤ 31 characters, no []:*?/\). */
  sheetName: string;
  /** Second title line, e.g. "Phường Sa Đéc, Tỉnh Đồng Tháp". */
  unitLabel: string;
  communes: Mau2Commune[];
}

/** The Mẫu 2 list ("Danh sách và thông tin Tổ công nghệ số cộng đồng"). */
export interface Mau2List {
  sheets: Mau2Sheet[];
}

/** One member line of Article 1 of the decision. */
export interface DecisionMember {
  fullName: string;
  gender: 'male' | 'female' | null;
  role: TeamRole;
  title: string | null;
}

/** One team of Article 1. */
export interface DecisionTeam {
  name: string;
  /** In a re-establishment: where the team stood before, e.g. "Khóm 1, Phường 3". */
  origin?: string | null;
  members: DecisionMember[];
}

/** The commune's decision establishing its teams (Mẫu 1 of seed 004). */
export interface DecisionModel {
  /** Upper line of the agency block, not bold; null for a UBND, which has none (both official samples). */
  parentAgency: string | null;
  /** Issuing agency lines, bold, e.g. ["ỦY BAN NHÂN DÂN", "PHƯỜNG SA ĐÉC"]. */
  agencyLines: string[];
  /** Number without the symbol ("05"); null leaves a blank to fill in after signing. */
  number: string | null;
  /** Symbol after the slash, e.g. "QĐ-UBND". */
  symbol: string;
  /** Place name for the date line, e.g. "Sa Đéc" or "Phường 1". */
  place: string;
  /** Signing date; null leaves "ngày … tháng … năm …" blanks. */
  date: Date | null;
  /** Year printed in a blank date when it is known ("năm 2026"), else null ("năm 20…"). */
  year: number | null;
  /** Excerpt under QUYẾT ĐỊNH, e.g. "Về việc thành lập các Tổ công nghệ số cộng đồng trên địa bàn phường Sa Đéc". */
  excerpt: string;
  /** Issuing authority line, e.g. "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG SA ĐÉC". */
  authority: string;
  /** "Căn cứ …" lines, without the trailing ";"/"." (the renderer adds them). */
  legalBases: string[];
  /** "Theo đề nghị của …" line, or null. */
  proposal: string | null;
  /**
   * Who carries the decision out first in Điều 4: "Chánh Văn phòng Hội đồng nhân dân và Ủy ban
   * nhân dân phường Sa Đéc" since 2025, "Công chức Văn phòng - Thống kê xã …" before.
   */
  office: string;
  /** Name of the commune as used inside the text, e.g. "phường Sa Đéc". */
  communeName: string;
  /** Provincial department in charge, e.g. "Sở Khoa học và Công nghệ". */
  departmentName: string;
  teams: DecisionTeam[];
  /**
   * Set for the re-establishment after a reorganisation (kiện toàn): Article 1 re-establishes the
   * teams, and Article 3 adds which earlier decisions stop applying.
   */
  reestablishment?: { replacedDecisions: string } | null;
  /** "Nơi nhận" lines, e.g. ["Như Điều 4;", "UBND tỉnh Đồng Tháp;", "Lưu: VT, VP."]. */
  recipients: string[];
  signer: {
    /** "TM." / "KT." or null when the chairman signs in their own name. */
    prefix: string | null;
    /** Lines of the signing title, e.g. ["CHỦ TỊCH"] or ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]. */
    titleLines: string[];
    /** Full name, or null to leave it for the signer. */
    name: string | null;
  };
}

/** Symbol of a commune chairman's decision (Decree 30, Appendix III). */
export const DECISION_SYMBOL = 'QĐ-UBND';

/**
 * Number and symbol of a decision as the clerk typed it: "05", "5" and "05/QĐ-UBND" all give
 * `{ number: "05", symbol: "QĐ-UBND" }`; a symbol of their own ("12/QĐ-CT") is kept as typed.
 * Decree 30 writes numbers below 10 with a leading zero. Blank gives a null number (left to fill in).
 */
export function decisionNumberParts(
  raw: string | null | undefined,
  defaultSymbol = DECISION_SYMBOL,
): { number: string | null; symbol: string } {
  const text = (raw ?? '')
    .normalize('NFC')
    .trim()
    .replace(/^số\s*:?\s*/iu, '');
  const slash = text.indexOf('/');
  const number = (slash < 0 ? text : text.slice(0, slash)).trim();
  const symbol =
    slash < 0
      ? ''
      : text
          .slice(slash + 1)
          .trim()
          .replace(/\s*-\s*/gu, '-');
  const padded = /^\d+$/u.test(number) ? String(Number(number)).padStart(2, '0') : number;
  return { number: padded === '' ? null : padded, symbol: symbol === '' ? defaultSymbol : symbol };
}
