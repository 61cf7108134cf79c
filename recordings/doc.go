// Package recordings lists, fetches and deletes call recordings and their
// transcriptions.
package recordings
