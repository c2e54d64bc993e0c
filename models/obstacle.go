package models

// ObstacleCategory is what keeps an office from its public-information work
// (an obstacle report's category).
type ObstacleCategory string

// The obstacle categories.
const (
	ObstacleSDM      ObstacleCategory = "sdm"
	ObstacleAnggaran ObstacleCategory = "anggaran"
	ObstacleSarana   ObstacleCategory = "sarana"
	ObstacleKonten   ObstacleCategory = "konten"
	ObstacleLainnya  ObstacleCategory = "lainnya"
)

// AllObstacleCategories lists the categories in display order.
func AllObstacleCategories() []ObstacleCategory {
	return []ObstacleCategory{ObstacleSDM, ObstacleAnggaran, ObstacleSarana, ObstacleKonten, ObstacleLainnya}
}

// Valid reports whether c is a known category.
func (c ObstacleCategory) Valid() bool { return c.Label() != "" }

// Label is the category's Indonesian name ("" for an unknown one).
func (c ObstacleCategory) Label() string {
	switch c {
	case ObstacleSDM:
		return "SDM / peran ganda"
	case ObstacleAnggaran:
		return "Anggaran"
	case ObstacleSarana:
		return "Sarana / jaringan"
	case ObstacleKonten:
		return "Konten wajib UU 14/2008"
	case ObstacleLainnya:
		return "Lainnya"
	}
	return ""
}
