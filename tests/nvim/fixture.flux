// Relevé des capteurs — température en °C 🌡️
import "strings"

label = "capteur nº 1 😀"
title = "Mesure « ${label} »" + strings.toUpper(v: label)
reading = "23 °C 😀" + )
