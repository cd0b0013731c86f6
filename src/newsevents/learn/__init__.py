"""Learning: the trained event model that fills what the rules miss.

``features`` turns a parsed sentence and its candidate dyads into named features; ``linear`` holds a linear
model as plain arrays (fast to load, no pickle, no scikit-learn at run time); ``model`` bundles the
classifiers of an event model and loads the one that ships; ``train`` fits one (scikit-learn, at training
time only).
"""
