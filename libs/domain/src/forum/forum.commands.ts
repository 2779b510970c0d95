import type { CorrectReferenceInput, RegisterForumInput } from '../ledger-inputs';

export type RegisterForum = { type: 'RegisterForum'; data: RegisterForumInput };

export type CorrectForum = {
  type: 'CorrectForum';
  data: { forumId: string; input: CorrectReferenceInput<RegisterForumInput> };
};

export type ForumCommand = RegisterForum | CorrectForum;
