namespace Sys2.Workflows.Definitions;

/// <summary>SUAP (business), SUE (building) and incoming e-invoices.</summary>
public enum CaseKind { Suap, Sue, Einvoice }

/// <summary>How a case ends.</summary>
public enum CaseOutcome { Approved, Rejected, DeemedApproved, Withdrawn, Paid, Archived }
