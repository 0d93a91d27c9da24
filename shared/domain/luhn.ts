// The Luhn check digit (ISO/IEC 7812): on card numbers (a typo gets caught before the bank sees
// it), on STS meter numbers, and in the log masker (only Luhn-valid digit runs are card numbers).
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
