// Package recordings lists, fetches and deletes call recordings and their
// transcriptions.
package recordings

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// Service reaches the /recordings endpoints. Use it through
// telnyx.Client.Recordings.
type Service struct {
	c *core.Client
	// Transcriptions reaches the transcriptions of recordings.
	Transcriptions *TranscriptionService
}

// NewService returns a Service, and its Transcriptions, that send their
// requests through c.
func NewService(c *core.Client) *Service {
	return &Service{c: c, Transcriptions: NewTranscriptionService(c)}
}

// Channels is how the parties of a call are laid out in the audio file.
type Channels string

// Channel layouts.
const (
	// ChannelsSingle mixes every party into one channel.
	ChannelsSingle Channels = "single"
	// ChannelsDual puts the first leg on one channel and the rest on the other.
	ChannelsDual Channels = "dual"
)

// Source is what a recording was made of.
type Source string

// Recording sources.
const (
	SourceConference Source = "conference"
	SourceCall       Source = "call"
)

// Status is the state of a recording.
type Status string

// StatusCompleted is the only state the API reports today.
const StatusCompleted Status = "completed"

// Recording is a stored call recording.
type Recording struct {
	ID         string `json:"id"`
	RecordType string `json:"record_type"`
	// CallControlID is the token that controlled the recorded call.
	CallControlID string `json:"call_control_id"`
	CallLegID     string `json:"call_leg_id"`
	CallSessionID string `json:"call_session_id"`
	// ConferenceID is set for recordings of a conference.
	ConferenceID string       `json:"conference_id"`
	Channels     Channels     `json:"channels"`
	Source       Source       `json:"source"`
	Status       Status       `json:"status"`
	DownloadURLs DownloadURLs `json:"download_urls"`
	// DurationMillis is the length of the recording in milliseconds.
	DurationMillis     int    `json:"duration_millis"`
	RecordingStartedAt string `json:"recording_started_at"`
	RecordingEndedAt   string `json:"recording_ended_at"`
	CreatedAt          string `json:"created_at"`
	UpdatedAt          string `json:"updated_at"`
}

// DownloadURLs are links to the recording's audio, one per format the API
// produced; a format not produced is empty.
type DownloadURLs struct {
	MP3 string `json:"mp3"`
	WAV string `json:"wav"`
}

// ListParams narrow a listing of recordings. The zero value lists all.
type ListParams struct {
	Filter *Filter         `url:"filter,omitempty"`
	Page   core.PageParams `url:"page,omitempty"`
}

// Filter selects recordings. Every field set must match; string matches
// are exact and case-sensitive.
type Filter struct {
	ConferenceID  string           `url:"conference_id,omitempty"`
	CreatedAt     *CreatedAtFilter `url:"created_at,omitempty"`
	CallLegID     string           `url:"call_leg_id,omitempty"`
	CallSessionID string           `url:"call_session_id,omitempty"`
	From          string           `url:"from,omitempty"`
	To            string           `url:"to,omitempty"`
	ConnectionID  string           `url:"connection_id,omitempty"`
	SIPCallID     string           `url:"sip_call_id,omitempty"`
}

// CreatedAtFilter bounds the creation time of recordings, both ends
// included. Times are sent in RFC 3339 with whole seconds.
type CreatedAtFilter struct {
	GTE *time.Time `url:"gte,omitempty"`
	LTE *time.Time `url:"lte,omitempty"`
}

// Validate checks the time range and the page bounds.
func (p ListParams) Validate() error {
	if f := p.Filter; f != nil && f.CreatedAt != nil {
		if gte, lte := f.CreatedAt.GTE, f.CreatedAt.LTE; gte != nil && lte != nil && gte.After(*lte) {
			return core.Invalid("filter[created_at][gte]", "must not be after filter[created_at][lte]")
		}
	}
	return p.Page.Validate()
}

// List returns the first page of recordings matching params.
func (s *Service) List(ctx context.Context, params ListParams, opts ...option.RequestOption) (*core.Page[Recording], error) {
	return core.List[Recording](ctx, s.c, "/recordings", params, opts)
}

// ListAutoPaging yields every recording matching params, fetching pages as
// the loop needs them.
func (s *Service) ListAutoPaging(ctx context.Context, params ListParams, opts ...option.RequestOption) iter.Seq2[Recording, error] {
	return core.AutoPage(ctx, func(ctx context.Context) (*core.Page[Recording], error) {
		return s.List(ctx, params, opts...)
	})
}

// Get returns the recording with the given id.
func (s *Service) Get(ctx context.Context, id string, opts ...option.RequestOption) (*Recording, error) {
	path, err := core.Path("/recordings/{recording_id}", id)
	if err != nil {
		return nil, err
	}
	return core.Data[Recording](ctx, s.c, core.Request{Method: http.MethodGet, Path: path}, opts)
}

// Delete permanently removes the recording with the given id and returns
// what it was.
func (s *Service) Delete(ctx context.Context, id string, opts ...option.RequestOption) (*Recording, error) {
	path, err := core.Path("/recordings/{recording_id}", id)
	if err != nil {
		return nil, err
	}
	return core.Data[Recording](ctx, s.c, core.Request{Method: http.MethodDelete, Path: path}, opts)
}

// deleteManyBody is the body of a bulk delete.
type deleteManyBody struct {
	IDs []string `json:"ids"`
}

// Validate checks that there is at least one id and none is empty.
func (b deleteManyBody) Validate() error {
	if len(b.IDs) == 0 {
		return core.Invalid("ids", "at least one recording id is required")
	}
	for i, id := range b.IDs {
		if id == "" {
			return core.Invalid("ids", "entry %d is empty", i)
		}
	}
	return nil
}

// DeleteMany permanently removes the recordings with the given ids in one
// request.
func (s *Service) DeleteMany(ctx context.Context, ids []string, opts ...option.RequestOption) error {
	return s.c.Do(ctx, core.Request{Method: http.MethodPost, Path: "/recordings/actions/delete", Body: deleteManyBody{IDs: ids}}, nil, opts)
}
