// Microsoft Teams' settings; sending needs the network.
package teams

// The longest summary a card shows.
option summaryCutoff = 70
