import type { CorrectReferenceInput, RegisterAdministrationInput } from '../ledger-inputs';

export type RegisterAdministration = { type: 'RegisterAdministration'; data: RegisterAdministrationInput };

export type CorrectAdministration = {
  type: 'CorrectAdministration';
  data: { administrationId: string; input: CorrectReferenceInput<RegisterAdministrationInput> };
};

export type AdministrationCommand = RegisterAdministration | CorrectAdministration;
