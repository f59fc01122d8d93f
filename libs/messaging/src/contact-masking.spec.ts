import { EMAIL_MASK, maskContactDetails, PHONE_MASK } from './contact-masking';

const masked = (body: string) => maskContactDetails(body).text;

describe('maskContactDetails', () => {
  describe('e-mail addresses', () => {
    it.each([
      ['write to anna.berg+rfq@aurora-robotics.se today', `write to ${EMAIL_MASK} today`],
      ['mail: j_smith@mail.example.co.uk.', `mail: ${EMAIL_MASK}.`],
      ['JOHN.DOE@EXAMPLE.COM', EMAIL_MASK],
      ['john @ example . com', EMAIL_MASK],
      ['john＠example.com', EMAIL_MASK],
      ['reach me: john at example dot com', `reach me: ${EMAIL_MASK}`],
      ['john AT example DOT com please', `${EMAIL_MASK} please`],
      ['john (at) example (dot) co (dot) uk', EMAIL_MASK],
      ['john[at]example[dot]de', EMAIL_MASK],
      ['john {at} example {dot} com', EMAIL_MASK],
      ['john -at- example -dot- com', EMAIL_MASK],
      ['john at example.com', EMAIL_MASK],
      ['sales at precision-works dot de, ask for Jan', `${EMAIL_MASK}, ask for Jan`],
    ])('masks %j', (body, expected) => {
      expect(masked(body)).toBe(expected);
    });

    it('leaves ordinary uses of "at" and "dot" alone', () => {
      for (const body of [
        'Look at drawing dot pdf, rev B',
        'We start at 08:00 at the plant',
        'Deburr at 45° and check the dot marking',
        'Tolerance at nominal 12.5 x 40 mm',
        'Please send the file at your convenience.',
      ]) {
        expect(masked(body)).toBe(body);
      }
    });

    it('counts what it masked', () => {
      expect(maskContactDetails('a@b.com and c at d dot org')).toEqual({ text: `${EMAIL_MASK} and ${EMAIL_MASK}`, emails: 2, phones: 0 });
    });
  });

  describe('phone numbers', () => {
    it.each([
      ['+49 30 12345678', PHONE_MASK],
      ['+49 (0)30 1234-5678', PHONE_MASK],
      ['+1 (555) 123-4567', PHONE_MASK],
      ['+1-555-123-4567', PHONE_MASK],
      ['+44 20 7946 0958', PHONE_MASK],
      ['+86 138 0013 8000', PHONE_MASK],
      ['+33 1 23 45 67 89', PHONE_MASK],
      ['+81-3-1234-5678', PHONE_MASK],
      ['+46701234567', PHONE_MASK],
      ['0049 30 1234567', PHONE_MASK],
      ['(030) 1234 5678', PHONE_MASK],
      ['555-123-4567', PHONE_MASK],
      ['555.123.4567', PHONE_MASK],
      ['07700 900123', PHONE_MASK],
      ['0176/12345678', PHONE_MASK],
      ['5551234567', PHONE_MASK],
      ['0 1 7 6 1 2 3 4 5 6 7', PHONE_MASK],
      ['zero one seven six, one two three four five six seven'.replace(',', ''), PHONE_MASK],
    ])('masks %j', (body, expected) => {
      expect(masked(body)).toBe(expected);
    });

    it('masks numbers inside sentences and keeps the words around them', () => {
      expect(masked('Call me on 0176 1234567 or WhatsApp +49 176 1234567.')).toBe(`Call me on ${PHONE_MASK} or WhatsApp ${PHONE_MASK}.`);
      expect(masked('my number (mobile): 612 345')).toBe(`my number (mobile): ${PHONE_MASK}`);
      expect(masked('my phone number: 0176 1234567')).toBe(`my phone number: ${PHONE_MASK}`);
      expect(masked('my number is 0176 1234567')).toBe(`my number is ${PHONE_MASK}`);
      expect(masked('Questions? Ring 020 7946 0958 after 9.')).toBe(`Questions? Ring ${PHONE_MASK} after 9.`);
    });

    it('masks both kinds in one message and counts them', () => {
      expect(maskContactDetails('jan@works.de / +49 711 1234567')).toEqual({ text: `${EMAIL_MASK} / ${PHONE_MASK}`, emails: 1, phones: 1 });
    });
  });

  describe('what a manufacturing message is full of stays as written', () => {
    it.each([
      '12.5 x 40 mm',
      '120 x 80 x 25 mm, 6061-T6',
      '120×80×25',
      'ISO 2768-m',
      'ISO 2768-mK and ISO 1302',
      'DIN 912 M6x20, 24 pcs',
      'Tolerance ±0.05 mm, Ø12 H7, Ra 1.6',
      '+0.05/-0.02',
      'Ship by 2026-11-22',
      'Ship by 22.11.2026 or 11/22/2026',
      'PN 4471-2209-01 rev C',
      'Part number: 447122090',
      'PN-4471-2209-A',
      'Order #100234567',
      'Order number 100234567',
      'Item no. 7712345678',
      'PO 4500012345 attached',
      'Drawing 2026-0412-77',
      'Serial 123456789',
      'Lot 20261122',
      '1.234.567 EUR total',
      'We can do 1,000 pcs per week',
      'Bore depth 1200.5 mm',
      'Cycle time 14:30 min, 250000 parts per year',
      '4500000 mm³ stock',
      'Hardness 58-62 HRC',
      'Wall 0.8 to 1.2 mm, 3 mm fillets',
      'Between 08:00-17:00 CET',
      'one or two samples first',
      'The M8 thread is 1.25 pitch',
    ])('%j', (body) => {
      expect(maskContactDetails(body)).toEqual({ text: body, emails: 0, phones: 0 });
    });
  });

  it('stays fast on the longest message and on inputs built to make regular expressions backtrack', () => {
    const inputs = [
      'a'.repeat(4000),
      'a.'.repeat(2000),
      '1 '.repeat(2000),
      '1-'.repeat(2000),
      'name at '.repeat(500),
      'x dot '.repeat(666),
      `${'a'.repeat(3990)}@b`,
      'one '.repeat(1000),
      `a@${'a.'.repeat(2000)}`,
      `a@${'a-'.repeat(2000)}`,
      'a at b dot '.repeat(400),
      '+1 '.repeat(1300),
      '1('.repeat(2000),
    ];
    for (const input of inputs) {
      const started = performance.now();
      maskContactDetails(input);
      expect(performance.now() - started).toBeLessThan(250);
    }
  });

  it('is idempotent: masking a masked body changes nothing', () => {
    const once = masked('call +49 30 12345678 or mail a.b@c.de');
    expect(masked(once)).toBe(once);
  });
});
