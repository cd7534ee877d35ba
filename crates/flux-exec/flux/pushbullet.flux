// Pushbullet's settings; pushing needs the network.
package pushbullet

option defaultURL = "https://api.pushbullet.com/v2/pushes"
