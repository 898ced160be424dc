/**
 * The gym's documents: the membership card (its QR code is the member code the
 * front desk scans) and the invoice. Each is read as the printing user, so
 * what they may not see stays off the paper; a member prints their own (the
 * manifest grants `print_card` and `print_invoice` on their own records), the
 * front desk and the manager through `manage`.
 */
import { documentAction, type InvoiceData, type MembershipCardData } from '../../core/sdk.js';
import { MEMBER, PLAN } from './memberships.js';

const text = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

export const membershipCard = documentAction({
  name: 'print_card',
  entity: 'membership',
  label: 'Membership card',
  translations: { bn: { label: 'সদস্য কার্ড' } },
  kind: 'membership_card',
  icon: 'CreditCard',
  isAvailable: (m) => m.status === 'active',
  async build(ctx, membership): Promise<MembershipCardData> {
    const [member] = await ctx.records.getMany(MEMBER, [String(membership.member)]);
    const [plan] = await ctx.records.getMany(PLAN, [String(membership.plan)]);
    return {
      member: { name: text(member?.name) ?? '', code: text(member?.code) ?? '' },
      membership: text(membership.number) ?? membership.id,
      plan: text(plan?.name),
      validFrom: String(membership.start_date),
      validTo: text(membership.end_date),
      status: text(membership.status),
    };
  },
});

export const invoiceDocument = documentAction({
  name: 'print_invoice',
  entity: 'invoice',
  label: 'Print invoice',
  translations: { bn: { label: 'চালান প্রিন্ট করুন' } },
  kind: 'invoice',
  icon: 'FileText',
  async build(ctx, invoice): Promise<InvoiceData> {
    const [member] = await ctx.records.getMany(MEMBER, [String(invoice.member)]);
    return {
      billTo: { name: text(member?.name) ?? '', code: text(member?.code), email: text(member?.email) },
      invoice: text(invoice.number) ?? invoice.id,
      date: String(invoice.date),
      lines: [{ label: String(invoice.description), amount: Number(invoice.amount) }],
      status: text(invoice.status),
    };
  },
});

export const gymDocuments = [membershipCard, invoiceDocument];
