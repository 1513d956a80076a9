// Italian public-administration look: Titillium Web, primary #0066CC, WCAG 2.1 AA contrast.
// Every shade used as a background under white text (shade 6 and darker) reaches 4.5:1;
// text shades on white (dimmed = gray 6, error = red 6, anchor = primary 6) reach 4.5:1 too.
import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

const primary: MantineColorsTuple = [
  '#e5f0fa',
  '#cce0f5',
  '#99c2eb',
  '#66a3e0',
  '#3385d6',
  '#1a75d1',
  '#0066cc', // 5.57:1 with white
  '#0059b3',
  '#004d99',
  '#003366',
];

const red: MantineColorsTuple = [
  '#fff5f5',
  '#ffe3e3',
  '#ffc9c9',
  '#ffa8a8',
  '#ff8787',
  '#e03131',
  '#c92a2a', // 5.46:1 with white
  '#a61e1e',
  '#8a1a1a',
  '#6b1414',
];

const green: MantineColorsTuple = [
  '#e6f4ec',
  '#c8e8d4',
  '#96d2ad',
  '#5fb883',
  '#2f9e5f',
  '#118a4f',
  '#008055', // 4.98:1 with white
  '#006b47',
  '#00573a',
  '#00402b',
];

const orange: MantineColorsTuple = [
  '#fff4e6',
  '#ffe8cc',
  '#ffd8a8',
  '#ffc078',
  '#ffa94d',
  '#d9730d',
  '#b35900', // 4.83:1 with white
  '#994c00',
  '#803f00',
  '#5c2e00',
];

const gray: MantineColorsTuple = [
  '#f8f9fa',
  '#f1f3f5',
  '#e9ecef',
  '#dee2e6',
  '#ced4da',
  '#adb5bd',
  '#5c6f82', // secondary text (dimmed): 5.18:1 on white
  '#495057',
  '#343a40',
  '#212529',
];

const fontFamily = '"Titillium Web", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const theme = createTheme({
  // Users who ask their system for less motion get no fades or slides (WCAG 2.3.3).
  respectReducedMotion: true,
  primaryColor: 'primary',
  primaryShade: 6,
  colors: { primary, red, green, orange, gray },
  white: '#ffffff',
  black: '#17324d',
  fontFamily,
  fontFamilyMonospace: 'ui-monospace, "Roboto Mono", Menlo, Consolas, monospace',
  headings: { fontFamily, fontWeight: '700' },
  defaultRadius: 'sm',
  autoContrast: true,
  luminanceThreshold: 0.3,
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { fw: 600 } },
    Anchor: { defaultProps: { underline: 'always' } },
    Tooltip: { defaultProps: { events: { hover: true, focus: true, touch: true } } },
  },
});

/** Text colours Mantine takes from light shades by default are darkened to meet 4.5:1. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-text': '#17324d',
    '--mantine-color-dimmed': '#5c6f82',
    '--mantine-color-placeholder': '#6c757d',
    '--mantine-color-error': '#c92a2a',
    '--mantine-color-anchor': '#0066cc',
  },
  dark: {},
});
