package recordings

import (
	"context"
	"iter"
	"net/http"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// TranscriptionService reaches the /recording_transcriptions endpoints.
// Use it through telnyx.Client.Recordings.Transcriptions.
type TranscriptionService struct {
	c *core.Client
}

// NewTranscriptionService returns a TranscriptionService that sends its
// requests through c.
func NewTranscriptionService(c *core.Client) *TranscriptionService {
	return &TranscriptionService{c: c}
}

// TranscriptionStatus is the state of a transcription.
type TranscriptionStatus string

// Transcription states. Only a completed transcription has text.
const (
	TranscriptionStatusInProgress TranscriptionStatus = "in-progress"
	TranscriptionStatusCompleted  TranscriptionStatus = "completed"
)

// Transcription is the text of a recording.
type Transcription struct {
	ID         string `json:"id"`
	RecordType string `json:"record_type"`
	// RecordingID is the recording this is the text of.
	RecordingID string              `json:"recording_id"`
	Status      TranscriptionStatus `json:"status"`
	// TranscriptionText is empty until Status is completed.
	TranscriptionText string `json:"transcription_text"`
	// DurationMillis is the length of the transcribed audio in milliseconds.
	DurationMillis int    `json:"duration_millis"`
	CreatedAt      string `json:"created_at"`
	UpdatedAt      string `json:"updated_at"`
}

// TranscriptionListParams select a page of transcriptions. The list is
// paged by cursor: Page.After takes Meta.Cursors.After of the previous
// page (Page.Next and ListAutoPaging do this for you).
type TranscriptionListParams struct {
	Page core.CursorParams `url:"page,omitempty"`
}

// Validate checks the page bounds.
func (p TranscriptionListParams) Validate() error { return p.Page.Validate() }

// List returns one page of transcriptions.
func (s *TranscriptionService) List(ctx context.Context, params TranscriptionListParams, opts ...option.RequestOption) (*core.Page[Transcription], error) {
	return core.List[Transcription](ctx, s.c, "/recording_transcriptions", params, opts)
}

// ListAutoPaging yields every transcription from the page params select
// on, following the cursors as the loop needs more.
func (s *TranscriptionService) ListAutoPaging(ctx context.Context, params TranscriptionListParams, opts ...option.RequestOption) iter.Seq2[Transcription, error] {
	return core.AutoPage(ctx, func(ctx context.Context) (*core.Page[Transcription], error) {
		return s.List(ctx, params, opts...)
	})
}

// Get returns the transcription with the given id.
func (s *TranscriptionService) Get(ctx context.Context, id string, opts ...option.RequestOption) (*Transcription, error) {
	path, err := core.Path("/recording_transcriptions/{recording_transcription_id}", id)
	if err != nil {
		return nil, err
	}
	return core.Data[Transcription](ctx, s.c, core.Request{Method: http.MethodGet, Path: path}, opts)
}

// Delete removes the transcription with the given id and returns what it was.
func (s *TranscriptionService) Delete(ctx context.Context, id string, opts ...option.RequestOption) (*Transcription, error) {
	path, err := core.Path("/recording_transcriptions/{recording_transcription_id}", id)
	if err != nil {
		return nil, err
	}
	return core.Data[Transcription](ctx, s.c, core.Request{Method: http.MethodDelete, Path: path}, opts)
}
