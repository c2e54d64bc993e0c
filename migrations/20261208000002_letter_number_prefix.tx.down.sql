DROP INDEX proposals_letter_prefix;
