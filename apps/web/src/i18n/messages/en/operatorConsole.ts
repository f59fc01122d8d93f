export const operatorConsole = { nav: { vetting: 'Vetting' } };
