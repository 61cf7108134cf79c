package externalconnections

import (
	"context"
	"fmt"
	"net/http"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/route"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// CivicAddressService reaches /external_connections/{id}/civic_addresses:
// the civic addresses and locations Microsoft Teams holds for a connection.
type CivicAddressService struct {
	client *telnyx.Client
}

// CivicAddress is a Teams civic address with its locations.
type CivicAddress struct {
	ID                string     `json:"id"`
	RecordType        RecordType `json:"record_type"`
	CityOrTown        string     `json:"city_or_town"`
	CityOrTownAlias   string     `json:"city_or_town_alias"`
	CompanyName       string     `json:"company_name"`
	Country           string     `json:"country"`
	CountryOrDistrict string     `json:"country_or_district"`
	// DefaultLocationID is the ID of the default entry of Locations.
	DefaultLocationID string     `json:"default_location_id"`
	Description       string     `json:"description"`
	HouseNumber       string     `json:"house_number"`
	HouseNumberSuffix string     `json:"house_number_suffix"`
	PostalOrZipCode   string     `json:"postal_or_zip_code"`
	StateOrProvince   string     `json:"state_or_province"`
	StreetName        string     `json:"street_name"`
	StreetSuffix      string     `json:"street_suffix"`
	Locations         []Location `json:"locations"`
}

// Location is a place within a civic address, such as a floor.
type Location struct {
	ID             string `json:"id"`
	AdditionalInfo string `json:"additional_info"`
	Description    string `json:"description"`
	IsDefault      bool   `json:"is_default"`
}

// CivicAddressListParams filter the list of civic addresses.
type CivicAddressListParams struct {
	Filter *CivicAddressListFilter `url:"filter,omitempty"`
}

// CivicAddressListFilter narrows the list of civic addresses.
type CivicAddressListFilter struct {
	// Country keeps the addresses in any of these ISO 3166-1 alpha-2
	// countries, sent as filter[country][]=US&filter[country][]=CA.
	Country []string `url:"country,brackets,omitempty"`
}

// Validate checks that each country is an ISO 3166-1 alpha-2 code.
func (p CivicAddressListParams) Validate() error {
	if p.Filter == nil {
		return nil
	}
	for i, c := range p.Filter.Country {
		if len(c) != 2 {
			return &telnyx.ValidationError{Field: "filter[country]",
				Reason: fmt.Sprintf("entry %d must be a two-letter country code, got %s", i, route.Quote(c))}
		}
	}
	return nil
}

// List returns the civic addresses of the connection with the given
// numeric id. The list is not paged.
//
// API: GET /external_connections/{id}/civic_addresses
func (s *CivicAddressService) List(ctx context.Context, connectionID string, params CivicAddressListParams, opts ...option.RequestOption) ([]CivicAddress, error) {
	list, err := telnyx.Call[[]CivicAddress](ctx, s.client, telnyx.Request{Method: http.MethodGet,
		Path: "/external_connections/{id}/civic_addresses", PathParams: []string{connectionID}, Query: params}, opts...)
	if err != nil {
		return nil, err
	}
	return *list, nil
}

// Get returns one civic address of a connection, with its locations;
// addressID is a UUID.
//
// API: GET /external_connections/{id}/civic_addresses/{address_id}
func (s *CivicAddressService) Get(ctx context.Context, connectionID, addressID string, opts ...option.RequestOption) (*CivicAddress, error) {
	return telnyx.Call[CivicAddress](ctx, s.client, telnyx.Request{Method: http.MethodGet,
		Path: "/external_connections/{id}/civic_addresses/{address_id}", PathParams: []string{connectionID, addressID}}, opts...)
}
