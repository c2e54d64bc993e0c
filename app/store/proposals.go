package store

import (
	"context"

	"github.com/uptrace/bun"

	"github.com/kemenagjateng/usulan/models"
)

// ProposalByID loads one proposal with its office and its candidates (by
// seq); sql.ErrNoRows when missing or outside the scope.
func (s *Store) ProposalByID(ctx context.Context, id int64) (*models.Proposal, error) {
	prop := new(models.Proposal)
	err := s.Model(prop).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Relation("Office").
			Relation("Candidates", func(q *bun.SelectQuery) *bun.SelectQuery { return q.Order("seq") }).
			Where("proposal.id = ?", id)
	}).Scan(ctx)
	if err != nil {
		return nil, err
	}
	return prop, nil
}

// ProposalEvents is the timeline of proposal id with the actors, oldest
// first (empty outside the scope).
func (s *Store) ProposalEvents(ctx context.Context, id int64) ([]*models.Event, error) {
	var evs []*models.Event
	err := s.Model(&evs).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Relation("Actor").Where("event.proposal_id = ?", id).Order("event.id")
	}).Scan(ctx)
	return evs, err
}

// LastDecision is the latest verify or reject event of proposal id;
// sql.ErrNoRows when there is none.
func (s *Store) LastDecision(ctx context.Context, id int64) (*models.Event, error) {
	ev := new(models.Event)
	err := s.Model(ev).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		return q.Where("proposal_id = ? AND action IN ('verify', 'reject')", id).OrderExpr("id DESC").Limit(1)
	}).Scan(ctx)
	if err != nil {
		return nil, err
	}
	return ev, nil
}

// InsertEvent appends ev to its proposal's timeline and sets its id.
func (s *Store) InsertEvent(ctx context.Context, ev *models.Event) error {
	_, err := s.Insert(ev).Apply(func(q *bun.InsertQuery) *bun.InsertQuery { return q.Returning("id") }).Exec(ctx)
	return err
}

// InsertCandidates adds candidates (their ProposalID set) to a proposal.
func (s *Store) InsertCandidates(ctx context.Context, cands []*models.Candidate) error {
	if len(cands) == 0 {
		return nil
	}
	_, err := s.Insert(&cands).Exec(ctx)
	return err
}

// IssuedDocument is proposal id's document of kind ("letter",
// "verification"), with columns cols only when given; sql.ErrNoRows when
// there is none (or outside the scope).
func (s *Store) IssuedDocument(ctx context.Context, id int64, kind string, cols ...string) (*models.IssuedDocument, error) {
	doc := new(models.IssuedDocument)
	err := s.Model(doc).Apply(func(q *bun.SelectQuery) *bun.SelectQuery {
		if len(cols) > 0 {
			q = q.Column(cols...)
		}
		return q.Where("proposal_id = ? AND kind = ?", id, kind)
	}).Scan(ctx)
	if err != nil {
		return nil, err
	}
	return doc, nil
}
