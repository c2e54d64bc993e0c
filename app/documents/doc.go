// Package documents renders Usulan's printed documents from plain data: no
// database, no HTTP.
//
// PDF (go-pdf/fpdf, A4, Kemenag letter format after KMA 9/2016 on Tata Naskah
// Dinas):
//
//   - RenderSubmissionLetter: the surat usulan from a Kantor Kementerian Agama
//     to the Kepala Kanwil, with the daftar nominatif as a landscape
//     attachment whose header row repeats on every page;
//   - RenderVerificationSheet: the verifier's lembar verifikasi (each
//     requirement, its result and legal basis, the document checklist);
//   - RenderStaffingLetter: the usulan tenaga pendukung with its justification
//     and, when the caller says the mechanism is not lawful on the letter's
//     date, a boxed warning;
//   - RenderRecap: offices × statuses with totals.
//
// Text is set in an embedded subset of DejaVu Sans Condensed (fonts/), which
// covers Latin, Latin-1, Latin Extended-A/B and Latin Extended Additional, so
// names print exactly as typed ("Siti Nur’aini", "Muḥammad Ḥafiẓ", "René").
// A character outside the subset prints as U+FFFD. The fonts are parsed once
// per process and shared, read-only, by every document (see fonts.go).
//
// Output is deterministic: the same input gives the same bytes (the creation
// date is the document's date, nothing reads the clock), so an issued letter
// can be stored and reprinted identically. Drafts carry a "DRAF" watermark on
// every page and never a letter number; an issued letter with a verification
// code carries a QR code of its verification URL at the foot of its last page.
//
// XLSX (excelize): NominativeXLSX and ProposalListXLSX write NIPs and other
// identifiers as text cells in text-formatted columns, dates as real dates,
// no formulas, and quote any text that could be read as one (SafeCellText).
//
// All functions are safe for concurrent use.
package documents
