// The 11-proef used for the BSN and the RSIN: weights 9..2 and -1 over nine digits, the sum must be
// divisible by 11. It is a syntax check, not proof that the number belongs to anyone.

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;

/** True when `digits` is exactly nine digits that pass the 11-proef (and are not all zero). */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  if (/^0{9}$/.test(digits)) return false; // sums to 0, "divisible", but never issued
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (WEIGHTS[i] as number);
  return sum % 11 === 0;
}

/** Accepts the number with the usual separators ('1234.56.789', '123 456 789'). */
function compact(s: string): string {
  return s.trim().replace(/[\s.]/g, '');
}

/** 9 digits, 11-proef with weights 9..2,-1; '000000000' invalid. */
export function isValidBsn(s: string): boolean {
  return passesElfproef(compact(s));
}

/** The RSIN (legal entities) uses the same 11-proef as the BSN. */
export function isValidRsin(s: string): boolean {
  return passesElfproef(compact(s));
}
