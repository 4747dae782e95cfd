import { describe, expect, it } from 'vitest';
import { callAnnouncement, numberToWords, ticketNumberToWords } from '../../server/queue/spoken.js';

const cases: [number, string][] = [
  [0, 'không'],
  [1, 'một'],
  [4, 'bốn'],
  [5, 'năm'],
  [9, 'chín'],
  [10, 'mười'],
  [11, 'mười một'],
  [14, 'mười bốn'],
  [15, 'mười lăm'],
  [19, 'mười chín'],
  [20, 'hai mươi'],
  [21, 'hai mươi mốt'],
  [24, 'hai mươi bốn'],
  [25, 'hai mươi lăm'],
  [31, 'ba mươi mốt'],
  [55, 'năm mươi lăm'],
  [99, 'chín mươi chín'],
  [100, 'một trăm'],
  [101, 'một trăm linh một'],
  [104, 'một trăm linh bốn'],
  [105, 'một trăm linh năm'],
  [110, 'một trăm mười'],
  [111, 'một trăm mười một'],
  [115, 'một trăm mười lăm'],
  [121, 'một trăm hai mươi mốt'],
  [205, 'hai trăm linh năm'],
  [250, 'hai trăm năm mươi'],
  [999, 'chín trăm chín mươi chín'],
  [1000, 'một nghìn'],
  [1001, 'một nghìn không trăm linh một'],
  [1005, 'một nghìn không trăm linh năm'],
  [1010, 'một nghìn không trăm mười'],
  [1015, 'một nghìn không trăm mười lăm'],
  [1021, 'một nghìn không trăm hai mươi mốt'],
  [1100, 'một nghìn một trăm'],
  [1234, 'một nghìn hai trăm ba mươi bốn'],
  [2014, 'hai nghìn không trăm mười bốn'],
  [2024, 'hai nghìn không trăm hai mươi bốn'],
  [5005, 'năm nghìn không trăm linh năm'],
  [7001, 'bảy nghìn không trăm linh một'],
  [9000, 'chín nghìn'],
  [9999, 'chín nghìn chín trăm chín mươi chín'],
  [10_000, 'mười nghìn'],
  [21_000, 'hai mươi mốt nghìn'],
  [1_000_000, 'một triệu'],
];

describe('numberToWords', () => {
  it.each(cases)('reads %i as "%s"', (n, words) => {
    expect(numberToWords(n)).toBe(words);
  });

  it('refuses what it cannot read', () => {
    expect(() => numberToWords(-1)).toThrow(RangeError);
    expect(() => numberToWords(1.5)).toThrow(RangeError);
  });
});

describe('ticket numbers', () => {
  it('reads the letter by its Vietnamese name, then the number as words', () => {
    expect(ticketNumberToWords('B014')).toBe('bê mười bốn');
    expect(ticketNumberToWords('A001')).toBe('a một');
    expect(ticketNumberToWords('C105')).toBe('xê một trăm linh năm');
    expect(ticketNumberToWords('D021')).toBe('dê hai mươi mốt');
    expect(ticketNumberToWords('1005')).toBe('một nghìn không trăm linh năm');
  });

  it('composes the announcement the displays speak', () => {
    expect(callAnnouncement('1005', 3)).toBe(
      'Mời công dân có số thứ tự một nghìn không trăm linh năm đến quầy số ba',
    );
    expect(callAnnouncement('A015', 12)).toBe('Mời công dân có số thứ tự a mười lăm đến quầy số mười hai');
  });
});
